using CrmPersonCentric.Dataverse.Webhook;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Routes an execution context to the step registered for its message, table and stage.</summary>
/// <param name="steps">Every step.</param>
public sealed class PluginStepDispatcher(IEnumerable<IPluginStep> steps)
{
    private readonly IPluginStep[] _steps = [.. steps];

    /// <summary>Every registration of every step.</summary>
    public IEnumerable<StepRegistration> Registrations => _steps.SelectMany(s => s.Registrations);

    /// <summary>Runs the matching step, or skips when none is registered for the event.</summary>
    public Task<StepResult> DispatchAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = _steps.FirstOrDefault(s => s.Registrations.Any(r => r.Matches(context)));
        return step is null
            ? Task.FromResult(StepResult.Skipped($"No step is registered for {context.MessageName} of {context.PrimaryEntityName} at stage {context.Stage}."))
            : step.ExecuteAsync(context, cancellationToken);
    }
}
