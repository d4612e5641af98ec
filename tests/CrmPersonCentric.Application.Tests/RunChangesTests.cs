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
        new(asOf, "p1", version, 200, 0.7, 0.1, 0.05, findings.Length, 0.1) { Findings = [.. findings], Measures = [new Measure("fit", "Mean fit", MeasureKind.Fit, 0.7)] };

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

    [Fact]
    public void A_finding_with_too_few_people_now_is_not_resolved_nor_new()
    {
        var unsure = new FindingState("a", FindingStatus.InsufficientEvidence, Severity.Info, "Not enough people to tell", 0, null);

        var changes = RunChanges.Of([Point(First, 1, Finding("a", Severity.Warning)), Point(Second, 1, unsure), Point(Third, 1, Finding("a", Severity.Warning))], Second);
        var back = RunChanges.Of([Point(First, 1, Finding("a", Severity.Warning)), Point(Second, 1, unsure), Point(Third, 1, Finding("a", Severity.Warning))], Third);

        Assert.Empty(changes.Findings);
        Assert.Equal([ChangeKind.New], back.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void The_weekly_report_compares_with_about_a_week_ago_not_the_hourly_run_before()
    {
        var hourly = Enumerable.Range(0, 24 * 8).Select(h => Third.AddHours(-h)).ToList();
        var history = hourly.Select(asOf => Point(asOf, 1, asOf <= Third.AddDays(-7) ? Finding("old", Severity.Warning) : Finding("recent", Severity.Warning))).ToList();

        var weekly = RunChanges.Of(history, Third, TimeSpan.FromDays(6));
        var latest = RunChanges.Of(history, Third);

        Assert.Equal(Third.AddDays(-6), weekly.Since);
        Assert.Equal(Third.AddHours(-1), latest.Since);
        Assert.Empty(latest.Findings);
    }

    [Fact]
    public void History_keeps_every_run_of_two_days_and_the_last_run_of_each_earlier_day()
    {
        var hourly = Enumerable.Range(0, 24 * 10).Select(h => Third.AddHours(-h)).Select(asOf => Point(asOf, 1)).ToList();

        var kept = RunHistory.Merge([], hourly).Select(p => p.AsOf).Distinct().ToList();

        // 48 hourly runs after the cut, then one per calendar day for the 9 days the other 192 runs fall on.
        Assert.Equal(48 + 9, kept.Count);
        Assert.Contains(Third.AddDays(-8).AddHours(-1), kept); // 23:00, the last run of its day
        Assert.DoesNotContain(Third.AddDays(-8).AddHours(-2), kept);
    }
}
