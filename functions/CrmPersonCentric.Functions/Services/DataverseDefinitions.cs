using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging;
using P = CrmPersonCentric.Dataverse.Schema.Tables.Persona;
using R = CrmPersonCentric.Dataverse.Schema.Tables.DriftRule;

namespace CrmPersonCentric.Functions.Services;

/// <summary>Loads the active personas and drift rules from Dataverse (invalid ones are skipped and logged by id and field).</summary>
public sealed partial class DataverseDefinitions(IDataverseClient client, IMapper mapper, TraitNormalizer normalizer, ILogger<DataverseDefinitions> logger)
{
    /// <summary>Active personas.</summary>
    public async Task<ImmutableArray<Persona>> PersonasAsync(CancellationToken cancellationToken)
    {
        var personas = ImmutableArray.CreateBuilder<Persona>();
        var query = new ODataQuery
        {
            Select = [P.Id, P.DisplayName, P.Version, P.IcpIndustries, P.IcpMinEmployees, P.IcpMaxEmployees, P.IcpRegions, P.CorporateVision, P.DepartmentMission, P.JobRoleKra, P.DeepPersonalDesire, P.ReachedLayer, P.DeclaredTraits, P.ExpectedBehaviours, "_ownerid_value"],
            Filter = "statecode eq 0",
            IncludeAnnotations = true,
        };
        await foreach (var row in client.QueryAsync(P.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            if (!Guid.TryParse(source.GetString(P.Id), out var id))
            {
                continue;
            }

            try
            {
                personas.Add(PersonaRowMapper.Read(source, id, normalizer));
            }
            catch (ModelValidationException ex)
            {
                var fields = string.Join(", ", ex.Errors.Select(e => e.Field));
                LogInvalidPersona(logger, id, fields);
            }
        }

        return personas.ToImmutable();
    }

    /// <summary>Active drift rules; the shipped defaults when the environment has none.</summary>
    public async Task<ImmutableArray<DriftRule>> RulesAsync(CancellationToken cancellationToken)
    {
        var rules = ImmutableArray.CreateBuilder<DriftRule>();
        var query = new ODataQuery
        {
            Select = [R.Id, R.Key, R.DisplayName, R.Metric, R.Dimension, R.Threshold, R.CriticalThreshold, R.MinimumSample, R.WindowDays, R.Severity, "_" + R.Persona + "_value", R.Enabled, R.FalseDiscoveryRate, R.Parameter],
            Filter = "statecode eq 0",
        };
        await foreach (var row in client.QueryAsync(R.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var rowData = DriftRuleRow.From(new JsonRow(row));
            var missing = rowData.MissingColumns();
            var rule = missing.IsEmpty ? mapper.Map<DriftRule>(rowData) : null;
            var errors = rule is null ? missing : DriftRuleValidator.Validate(rule);
            if (errors.IsEmpty)
            {
                rules.Add(rule!);
            }
            else
            {
                var fields = string.Join(", ", errors.Select(e => e.Field));
                LogInvalidRule(logger, rowData.Key ?? "(no key)", fields);
            }
        }

        return rules.Count > 0 ? rules.ToImmutable() : DefaultDriftRules.All;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped persona {PersonaId}: invalid {Fields}")]
    private static partial void LogInvalidPersona(ILogger logger, Guid personaId, string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped drift rule {RuleKey}: invalid {Fields}")]
    private static partial void LogInvalidRule(ILogger logger, string ruleKey, string fields);
}
