using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmPersonCentric.Application;

/// <summary>The app's traces and metrics (exported through OpenTelemetry; to Application Insights when configured).</summary>
public sealed class Telemetry : IDisposable
{
    /// <summary>Name of the activity source and meter.</summary>
    public const string Name = "CrmPersonCentric";

    private readonly Meter _meter;
    private double _evaluationProgress;

    /// <summary>Creates the instruments.</summary>
    public Telemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(Name);
        Accepted = _meter.CreateCounter<long>("cpc.webhook.accepted", description: "Webhook deliveries persisted to the inbox");
        Processed = _meter.CreateCounter<long>("cpc.inbox.processed", description: "Inbox deliveries processed, by outcome");
        MessageDeliveries = _meter.CreateHistogram<int>("cpc.inbox.message.deliveries", description: "Deliveries stored together in one inbox queue message");
        ProcessingLatency = _meter.CreateHistogram<double>("cpc.inbox.latency", "ms", "Time from acceptance to processing");
        RunDuration = _meter.CreateHistogram<double>("cpc.evaluation.duration", "ms", "Evaluation run duration");
        Findings = _meter.CreateCounter<long>("cpc.evaluation.findings", description: "Drift findings written");
        ContactsEvaluated = _meter.CreateCounter<long>("cpc.evaluation.contacts", description: "Tagged contacts read from storage and evaluated");
        _meter.CreateObservableGauge("cpc.evaluation.progress", () => EvaluationProgress, description: "Share of the running evaluation done (0-1: reading the people table up to 0.9, then the engine)");
    }

    /// <summary>Tagged contacts evaluated.</summary>
    public Counter<long> ContactsEvaluated { get; }

    /// <summary>The running (or last) evaluation's progress, 0–1, which the progress gauge reports.</summary>
    public double EvaluationProgress
    {
        get => Volatile.Read(ref _evaluationProgress);
        set => Volatile.Write(ref _evaluationProgress, value);
    }

    /// <summary>Traces of the app.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Deliveries per inbox queue message sent (group commit).</summary>
    public Histogram<int> MessageDeliveries { get; }

    /// <summary>Webhook deliveries accepted.</summary>
    public Counter<long> Accepted { get; }

    /// <summary>Inbox messages processed.</summary>
    public Counter<long> Processed { get; }

    /// <summary>Acceptance-to-processing latency.</summary>
    public Histogram<double> ProcessingLatency { get; }

    /// <summary>Evaluation duration.</summary>
    public Histogram<double> RunDuration { get; }

    /// <summary>Findings written.</summary>
    public Counter<long> Findings { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
