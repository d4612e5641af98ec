using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Application.History;

/// <summary>
/// What changed since the last run, from the run history: findings that are new, worse, better or resolved, persona
/// versions that changed, and people tagged. Nothing when there is no earlier run (or it was kept before runs kept their
/// findings).
/// </summary>
/// <param name="Since">The earlier run's as-of date, or null on a first run.</param>
/// <param name="Findings">The findings that moved, new and worse first.</param>
/// <param name="Personas">Per persona, its version and people then and now.</param>
public sealed record RunChanges(DateTimeOffset? Since, ImmutableArray<FindingChange> Findings, ImmutableArray<PersonaChange> Personas)
{
    /// <summary>How much closer to or further from the declared value a share must move to count as better or worse (at the same severity).</summary>
    public const double MeaningfulMove = 0.05;

    /// <summary>No earlier run.</summary>
    public static RunChanges None { get; } = new(null, [], []);

    /// <summary>True when there is an earlier run to compare with.</summary>
    public bool HasEarlierRun => Since is not null;

    /// <summary>
    /// The changes of the run as of <paramref name="asOf"/> against an earlier run: the latest one at least
    /// <paramref name="over"/> earlier (the weekly report compares with about a week ago, not with the hourly run before
    /// it), else the earliest kept; without <paramref name="over"/>, the latest earlier run.
    /// </summary>
    public static RunChanges Of(IEnumerable<TrendPoint> history, DateTimeOffset asOf, TimeSpan? over = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var points = history.ToList();
        var now = points.Where(p => p.AsOf == asOf).ToList();
        var before = points.Where(p => p.AsOf < asOf).ToList();
        if (now.Count == 0 || before.Count == 0)
        {
            return None;
        }

        var old = over is { } span ? before.Where(p => p.AsOf <= asOf - span).ToList() : before;
        var since = old.Count > 0 ? old.Max(p => p.AsOf) : before.Min(p => p.AsOf);
        var then = before.Where(p => p.AsOf == since).ToDictionary(p => p.PersonaId, StringComparer.Ordinal);
        var findings = new List<FindingChange>();
        var personas = new List<PersonaChange>();
        foreach (var current in now)
        {
            if (!then.TryGetValue(current.PersonaId, out var earlier))
            {
                continue; // a persona new since the last run: nothing to compare
            }

            personas.Add(new PersonaChange(current.PersonaId, earlier.PersonaVersion, current.PersonaVersion, earlier.TaggedPeople, current.TaggedPeople));
            if (earlier.Measures.IsEmpty)
            {
                continue; // kept before points kept their findings: which ones they were is not known
            }

            var stillUnsure = current.Findings.Where(f => f.Status == FindingStatus.InsufficientEvidence).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var previous = earlier.Findings.Where(f => f.Status != FindingStatus.InsufficientEvidence).ToDictionary(f => f.Id, StringComparer.Ordinal);
            foreach (var finding in current.Findings.Where(f => f.Status != FindingStatus.InsufficientEvidence))
            {
                if (!previous.Remove(finding.Id, out var was))
                {
                    findings.Add(new FindingChange(current.PersonaId, finding.Id, ChangeKind.New, finding.Headline, finding.Status, null, finding.Severity));
                }
                else if (Compare(was, finding) is { } kind)
                {
                    findings.Add(new FindingChange(current.PersonaId, finding.Id, kind, finding.Headline, finding.Status, was.Severity, finding.Severity));
                }
            }

            // Findings of the earlier run not seen now are resolved (their wording is the earlier run's), unless there are
            // now too few people to tell: that is not a resolution.
            findings.AddRange(previous.Values.Where(f => !stillUnsure.Contains(f.Id))
                .Select(f => new FindingChange(current.PersonaId, f.Id, ChangeKind.Resolved, f.Headline, f.Status, f.Severity, null)));
        }

        return new RunChanges(since,
            [.. findings.OrderBy(f => f.Kind switch { ChangeKind.New => 0, ChangeKind.Worsened => 1, ChangeKind.Resolved => 2, _ => 3 })
                .ThenByDescending(f => f.After ?? f.Before).ThenBy(f => f.FindingId, StringComparer.Ordinal)],
            [.. personas]);
    }

    /// <summary>Worse or better: the severity moved, or (at the same severity) the share moved by <see cref="MeaningfulMove"/> away from or towards what the persona says.</summary>
    private static ChangeKind? Compare(FindingState was, FindingState now)
    {
        if (now.Severity != was.Severity)
        {
            return now.Severity > was.Severity ? ChangeKind.Worsened : ChangeKind.Improved;
        }

        if (now.Expected is { } expected && was.Expected is { } expectedThen)
        {
            var gap = Math.Abs(now.Observed - expected) - Math.Abs(was.Observed - expectedThen);
            return gap >= MeaningfulMove ? ChangeKind.Worsened : gap <= -MeaningfulMove ? ChangeKind.Improved : null;
        }

        return null;
    }
}
