using System.Collections.Immutable;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>A proposed persona revision with the evidence behind it.</summary>
/// <param name="Key">De-duplication key: equivalent suggestions share it across runs.</param>
/// <param name="Type">What to change.</param>
/// <param name="PersonaId">The persona.</param>
/// <param name="PersonaVersion">The persona version the suggestion was made against.</param>
/// <param name="Dimension">The trait dimension, for trait changes.</param>
/// <param name="Subject">The trait or behaviour key, when the change is about one.</param>
/// <param name="ProposedValue">The proposed prevalence, share, rate or layer, when the change has one.</param>
/// <param name="Details">Further proposed values (ICP industries or regions to add).</param>
/// <param name="Groups">For a split, the groups found.</param>
/// <param name="Severity">The most severe of the supporting findings.</param>
/// <param name="FindingIds">The findings that support it.</param>
/// <param name="Rationale">Why, in plain language, with the numbers.</param>
public sealed record RevisionSuggestion(
    string Key,
    SuggestionType Type,
    string PersonaId,
    int PersonaVersion,
    TraitDimension? Dimension,
    string? Subject,
    double? ProposedValue,
    ImmutableArray<string> Details,
    ImmutableArray<SplitGroup> Groups,
    Severity Severity,
    ImmutableArray<string> FindingIds,
    string Rationale)
{
    /// <summary>A readable label of the subject (the trait, behaviour, channel or theme), when the suggestion is about one.</summary>
    public string? SubjectLabel { get; init; }

    /// <summary>The suggestion in a few plain words ("Retire a trait: Missing quota"), for titles and lists.</summary>
    public string Title => SubjectLabel is { Length: > 0 } label ? $"{Type.Describe()}: {label}" : Type.Describe();

    /// <summary>The de-duplication key of a suggestion with these coordinates.</summary>
    public static string MakeKey(SuggestionType type, string personaId, TraitDimension? dimension, string? subject) =>
        string.Join(':', type.ToString(), personaId, dimension?.ToFieldName() ?? "-", subject ?? "-");
}
