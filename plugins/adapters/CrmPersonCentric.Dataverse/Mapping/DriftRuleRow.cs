using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using DriftRuleTable = CrmPersonCentric.Dataverse.Schema.Tables.DriftRule;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>The columns of a cpc_driftrule row, typed; mapped to <see cref="DriftRule"/> by <see cref="DataverseMappingProfile"/>.</summary>
public sealed class DriftRuleRow
{
    /// <summary>cpc_key: the rule id findings carry.</summary>
    public string? Key { get; set; }

    /// <summary>cpc_name.</summary>
    public string? Name { get; set; }

    /// <summary>cpc_metric.</summary>
    public DriftMetric? Metric { get; set; }

    /// <summary>cpc_dimension.</summary>
    public TraitDimension? Dimension { get; set; }

    /// <summary>cpc_threshold.</summary>
    public double? Threshold { get; set; }

    /// <summary>cpc_criticalthreshold.</summary>
    public double? CriticalThreshold { get; set; }

    /// <summary>cpc_minimumsample.</summary>
    public int? MinimumSample { get; set; }

    /// <summary>cpc_windowdays.</summary>
    public int? WindowDays { get; set; }

    /// <summary>cpc_severity.</summary>
    public Severity? Severity { get; set; }

    /// <summary>cpc_personaid (scope), as text.</summary>
    public string? PersonaId { get; set; }

    /// <summary>cpc_enabled.</summary>
    public bool? Enabled { get; set; }

    /// <summary>cpc_falsediscoveryrate.</summary>
    public double? FalseDiscoveryRate { get; set; }

    /// <summary>cpc_parameter.</summary>
    public double? Parameter { get; set; }

    /// <summary>Reads the columns of a row (a choice value that is not ours reads as missing).</summary>
    public static DriftRuleRow From(IRowSource row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new DriftRuleRow
        {
            Key = row.GetString(DriftRuleTable.Key),
            Name = row.GetString(DriftRuleTable.DisplayName),
            Metric = Choices.To<DriftMetric>(row.GetOption(DriftRuleTable.Metric)),
            Dimension = Choices.To<TraitDimension>(row.GetOption(DriftRuleTable.Dimension)),
            Threshold = (double?)row.GetDecimal(DriftRuleTable.Threshold),
            CriticalThreshold = (double?)row.GetDecimal(DriftRuleTable.CriticalThreshold),
            MinimumSample = (int?)row.GetInteger(DriftRuleTable.MinimumSample),
            WindowDays = (int?)row.GetInteger(DriftRuleTable.WindowDays),
            Severity = Choices.To<Severity>(row.GetOption(DriftRuleTable.Severity)),
            PersonaId = row.GetLookupId(DriftRuleTable.Persona)?.ToString("D"),
            Enabled = row.GetBoolean(DriftRuleTable.Enabled),
            FalseDiscoveryRate = (double?)row.GetDecimal(DriftRuleTable.FalseDiscoveryRate),
            Parameter = (double?)row.GetDecimal(DriftRuleTable.Parameter),
        };
    }

    /// <summary>The required columns that are missing, named by their logical names.</summary>
    public ImmutableArray<ValidationError> MissingColumns()
    {
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        void Require(object? value, string column, string what)
        {
            if (value is null)
            {
                errors.Add(new ValidationError(column, what));
            }
        }

        Require(Key, DriftRuleTable.Key, "is required: the rule's key");
        Require(Metric, DriftRuleTable.Metric, "is required and must be one of the metric choices");
        Require(Threshold, DriftRuleTable.Threshold, "is required");
        Require(MinimumSample, DriftRuleTable.MinimumSample, "is required");
        Require(WindowDays, DriftRuleTable.WindowDays, "is required");
        Require(Severity, DriftRuleTable.Severity, "is required and must be info, warning or critical");
        return errors.ToImmutable();
    }
}
