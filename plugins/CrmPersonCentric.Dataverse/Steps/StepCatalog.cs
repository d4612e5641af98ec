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
    ];
}
