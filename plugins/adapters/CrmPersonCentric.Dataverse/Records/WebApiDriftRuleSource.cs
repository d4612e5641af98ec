using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Rules;
using Microsoft.Extensions.Logging;
using DriftRuleTable = CrmPersonCentric.Dataverse.Schema.Tables.DriftRule;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Drift rules over the Web API (cpc_driftrules).</summary>
public sealed partial class WebApiDriftRuleSource(IDataverseClient client, IMapper mapper, ILogger<WebApiDriftRuleSource> logger) : IDriftRuleSource
{
    /// <inheritdoc />
    public async Task<ImmutableArray<DriftRule>> ActiveRulesAsync(CancellationToken cancellationToken = default)
    {
        var rules = ImmutableArray.CreateBuilder<DriftRule>();
        var query = new ODataQuery
        {
            Select = Columns,
            Filter = "statecode eq 0",
        };
        await foreach (var row in client.QueryAsync(DriftRuleTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
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
                LogInvalidRule(logger, rowData.Key ?? "(no key)", string.Join(", ", errors.Select(e => e.Field)));
            }
        }

        return rules.Count > 0 ? rules.ToImmutable() : DefaultDriftRules.All;
    }

    /// <summary>
    /// The rule's columns as stored now (for a change whose delivery lacks the registered pre image), or null when the
    /// row does not exist.
    /// </summary>
    public async Task<IRowSource?> FindStoredAsync(Guid ruleId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(DriftRuleTable.EntitySet, ruleId, Columns, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new JsonRow(row);
    }

    /// <summary>The columns a rule is read with.</summary>
    private static readonly string[] Columns =
        [DriftRuleTable.Id, DriftRuleTable.Key, DriftRuleTable.DisplayName, DriftRuleTable.Metric, DriftRuleTable.Dimension, DriftRuleTable.Threshold, DriftRuleTable.CriticalThreshold, DriftRuleTable.MinimumSample, DriftRuleTable.WindowDays, DriftRuleTable.Severity, "_" + DriftRuleTable.Persona + "_value", DriftRuleTable.Enabled, DriftRuleTable.FalseDiscoveryRate, DriftRuleTable.Parameter];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped drift rule {RuleKey}: invalid {Fields}")]
    private static partial void LogInvalidRule(ILogger logger, string ruleKey, string fields);
}
