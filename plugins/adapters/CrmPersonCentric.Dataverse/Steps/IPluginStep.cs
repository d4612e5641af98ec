using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Webhook;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>A remote plug-in step: stateless, thread-safe, declaring its own registrations.</summary>
public interface IPluginStep
{
    /// <summary>The events the step registers for.</summary>
    ImmutableArray<StepRegistration> Registrations { get; }

    /// <summary>Handles one event.</summary>
    Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default);
}
