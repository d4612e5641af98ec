namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Event pipeline stages a step can register on.</summary>
public enum StepStage
{
    /// <summary>Before the main operation, outside the transaction.</summary>
    PreValidation = 10,

    /// <summary>Before the main operation, inside the transaction.</summary>
    PreOperation = 20,

    /// <summary>After the main operation.</summary>
    PostOperation = 40,
}
