using System.Collections.Immutable;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Dataverse.Ports;

/// <summary>The drift rules ops admins configure.</summary>
public interface IDriftRuleSource
{
    /// <summary>Active, valid rules (invalid ones are skipped and logged by key and field); the shipped defaults when there are none.</summary>
    Task<ImmutableArray<DriftRule>> ActiveRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The rule's columns as stored now (for a change whose delivery lacks the registered pre image), or null when the
    /// row does not exist.
    /// </summary>
    Task<Mapping.IRowSource?> FindStoredAsync(Guid ruleId, CancellationToken cancellationToken = default);
}
