using CrmPersonCentric.Application.Evaluation;

namespace CrmPersonCentric.Application.Tests;

public sealed class EvaluateDriftTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_WritesTheResultsTheRunAndOneTrendPointPerPersona()
    {
        await using var backend = new InMemoryBackend();

        var result = await backend.Action<EvaluateDrift>().RunAsync("timer", cancellationToken: Ct);

        Assert.Equal("completed", result.Outcome);
        var written = Assert.Single(backend.Records.Written);
        Assert.Same(result.Evaluation, written);
        var run = Assert.Single(backend.Records.Runs);
        Assert.Equal(("timer", result.Contacts, "completed"), (run.Trigger, run.Contacts, run.Outcome));
        Assert.Equal(backend.Data.Personas.Select(p => p.Id).Order(), backend.Records.Trends.Select(t => t.PersonaId).Order());
        Assert.False(backend.Leases.IsHeld(EvaluateDrift.LeaseName));
    }

    [Fact]
    public async Task Run_WhileAnotherRunHoldsTheLease_IsSkippedAndWritesNothing()
    {
        await using var backend = new InMemoryBackend();
        backend.Leases.Hold(EvaluateDrift.LeaseName, EvaluateDrift.LeaseDuration);

        var result = await backend.Action<EvaluateDrift>().RunAsync("admin", cancellationToken: Ct);

        Assert.StartsWith("skipped", result.Outcome, StringComparison.Ordinal);
        Assert.Null(result.Evaluation);
        Assert.Empty(backend.Records.Written);
        Assert.Empty(backend.Records.Runs);
        Assert.Empty(backend.Records.Trends);
    }

    [Fact]
    public async Task Run_AfterALeaseExpired_TakesItOver()
    {
        await using var backend = new InMemoryBackend();
        backend.Leases.Hold(EvaluateDrift.LeaseName, EvaluateDrift.LeaseDuration);
        backend.Time.Advance(EvaluateDrift.LeaseDuration + TimeSpan.FromSeconds(1));

        var result = await backend.Action<EvaluateDrift>().RunAsync("timer", cancellationToken: Ct);

        Assert.Equal("completed", result.Outcome);
    }

    [Fact]
    public async Task Preview_EvaluatesTheSameWithoutWritingAnything()
    {
        await using var backend = new InMemoryBackend();
        backend.Leases.Hold(EvaluateDrift.LeaseName, EvaluateDrift.LeaseDuration);

        var preview = await backend.Action<EvaluateDrift>().PreviewAsync("report", cancellationToken: Ct);

        Assert.Equal("completed", preview.Outcome);
        Assert.NotEmpty(preview.Evaluation!.Findings);
        Assert.Empty(backend.Records.Written);
        Assert.Empty(backend.Records.Runs);
        Assert.Empty(backend.Records.Trends);
    }

    [Fact]
    public async Task Run_ReportsProgressUpToOne()
    {
        await using var backend = new InMemoryBackend();
        var reported = new List<double>();

        await backend.Action<EvaluateDrift>().RunAsync("cli", new Drift.Engine.SynchronousProgress<double>(reported.Add), Ct);

        Assert.Equal(1, reported[^1], 6);
        Assert.Equal(reported.Order(), reported);
    }
}
