namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>How a step ended.</summary>
public enum StepOutcome
{
    /// <summary>Done.</summary>
    Completed,

    /// <summary>Nothing to do.</summary>
    Skipped,

    /// <summary>The input was refused.</summary>
    Rejected,
}
