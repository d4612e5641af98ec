using System.Collections.Immutable;

namespace CrmPersonCentric.Application.Revisions;

/// <summary>The answer to a decided revision.</summary>
/// <param name="Outcome">What became of it.</param>
/// <param name="Message">What happened, in words (no personal data).</param>
/// <param name="Missing">The fields it lacks (<see cref="RevisionOutcome.Incomplete"/>).</param>
public sealed record RevisionResult(RevisionOutcome Outcome, string Message, ImmutableArray<RevisionField> Missing)
{
    internal static RevisionResult Of(RevisionOutcome outcome, string message) => new(outcome, message, []);
}
