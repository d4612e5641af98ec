namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Whether Dataverse waits for the step.</summary>
public enum StepMode
{
    /// <summary>Dataverse waits; a non-2xx answer cancels the operation.</summary>
    Synchronous = 0,

    /// <summary>Dataverse queues the call after the operation.</summary>
    Asynchronous = 1,
}
