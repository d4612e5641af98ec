using CrmPersonCentric.Application.Evaluation;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>Timer (%EvaluateDriftSchedule%, hourly by default): evaluates drift and writes findings and suggestions.</summary>
public sealed class EvaluateDriftFunction(EvaluateDrift evaluations)
{
    /// <summary>The function's name.</summary>
    public const string Name = "EvaluateDrift";

    /// <summary>Runs one evaluation (skipped while another run holds the lease).</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%" + FunctionSettings.EvaluateDriftSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        evaluations.RunAsync("timer", cancellationToken: cancellationToken);
}
