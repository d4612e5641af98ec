using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Every step registration of the product, the one source for the solution XML and `cpc register`.</summary>
public static class StepCatalog
{
    /// <summary>All registrations, in a stable order.</summary>
    public static ImmutableArray<StepRegistration> All { get; } =
    [
        .. ContactProfileChangedStep.Declared,
        .. ContactDeletedStep.Declared,
        .. BehaviourSignalCreatedStep.Declared,
        .. DriftRuleValidationStep.Declared,
        .. PersonaRevisionDecidedStep.Declared,
        .. PersonaDefinitionChangedStep.Declared,
    ];

    /// <summary>
    /// The registrations the solution ships: the asynchronous ones. The solution's endpoint points at a placeholder URL until
    /// <c>cpc register</c> sets the real one, and a synchronous step against it would fail every save of its table after an
    /// import; the solution schema has no state for a step, so it cannot ship one disabled. <c>cpc register</c> creates the
    /// synchronous steps once the endpoint is real.
    /// </summary>
    public static ImmutableArray<StepRegistration> Packaged { get; } = [.. All.Where(s => s.Mode == StepMode.Asynchronous)];

    /// <summary>The registrations only <c>cpc register</c> creates (see <see cref="Packaged"/>).</summary>
    public static ImmutableArray<StepRegistration> RegisteredOnly { get; } = [.. All.Where(s => s.Mode != StepMode.Asynchronous)];
}
