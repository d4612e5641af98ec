using CrmPersonCentric.Application.Contacts;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>Timer (%ReconcileSchedule%, 02:30 UTC by default): repairs what lost deliveries left behind, applies retention.</summary>
public sealed class ReconcileFunction(ReconcileContacts reconciliation)
{
    /// <summary>The function's name.</summary>
    public const string Name = "Reconcile";

    /// <summary>Runs the repair.</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%" + FunctionSettings.ReconcileSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciliation.RunAsync(cancellationToken);
}
