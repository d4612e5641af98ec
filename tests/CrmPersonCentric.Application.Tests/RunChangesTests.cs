using CrmPersonCentric.Application.History;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Application.Tests;

public sealed class RunChangesTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddDays(7);
    private static readonly DateTimeOffset Third = Second.AddDays(7);

    private static TrendPoint Point(DateTimeOffset asOf, int version, params FindingState[] findings) =>
        new(asOf, "p1", version, 200, 0.7, 0.1, 0.05, findings.Length, 0.1) { Findings = [.. findings] };

    private static FindingState Finding(string id, Severity severity, double observed = 0.5, double? expected = 0.3) =>
        new(id, FindingStatus.Drift, severity, "Headline of " + id, observed, expected);

    [Fact]
    public void A_first_run_has_nothing_to_compare()
    {
        var changes = RunChanges.Of([Point(First, 1, Finding("a", Severity.Warning))], First);

        Assert.False(changes.HasEarlierRun);
        Assert.Empty(changes.Findings);
    }

    [Fact]
    public void New_worse_better_and_resolved_findings_are_told_against_the_latest_earlier_run()
    {
        var history = new[]
        {
            Point(First, 1, Finding("gone-long-ago", Severity.Critical)),
            Point(Second, 1, Finding("resolved", Severity.Warning), Finding("worse", Severity.Warning), Finding("better", Severity.Critical), Finding("drifting-further", Severity.Warning, 0.5), Finding("same", Severity.Info)),
            Point(Third, 2, Finding("new", Severity.Info), Finding("worse", Severity.Critical), Finding("better", Severity.Warning), Finding("drifting-further", Severity.Warning, 0.6), Finding("same", Severity.Info, 0.52)),
        };

        var changes = RunChanges.Of(history, Third);

        Assert.Equal(Second, changes.Since);
        Assert.Equal(
            [("new", ChangeKind.New), ("worse", ChangeKind.Worsened), ("drifting-further", ChangeKind.Worsened), ("resolved", ChangeKind.Resolved), ("better", ChangeKind.Improved)],
            changes.Findings.Select(f => (f.FindingId, f.Kind)));
        var resolved = changes.Findings.Single(f => f.Kind == ChangeKind.Resolved);
        Assert.Equal((Severity.Warning, (Severity?)null, "Headline of resolved"), (resolved.Before!.Value, resolved.After, resolved.Headline));
        var persona = Assert.Single(changes.Personas);
        Assert.True(persona.VersionChanged);
    }

    [Fact]
    public void Points_kept_before_findings_were_kept_report_no_finding_as_new()
    {
        var legacy = new TrendPoint(First, "p1", 1, 200, 0.7, 0.1, 0.05, 3, 0.1);

        var changes = RunChanges.Of([legacy, Point(Second, 1, Finding("a", Severity.Warning))], Second);

        Assert.True(changes.HasEarlierRun);
        Assert.Empty(changes.Findings);
    }
}
