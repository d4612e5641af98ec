using System.Collections.Immutable;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Application.Ports;

/// <summary>The drift rules ops admins configure.</summary>
public interface IDriftRuleSource
{
    /// <summary>Active, valid rules (invalid ones are skipped and logged by key and field); the shipped defaults when there are none.</summary>
    Task<ImmutableArray<DriftRule>> ActiveRulesAsync(CancellationToken cancellationToken = default);
}
