namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>
/// Traits already normalised, by dimension and the text as typed. People type the same phrasings again and again (a
/// sample data directory of 326,000 contacts holds 1.2 million trait texts and 15,000 distinct ones),
/// so a reader of many rows normalises each distinct phrasing once. Only texts that are traits are kept: a problem is
/// worked out again where it occurs, so its message names that row's field. For one read at a time (not thread-safe).
/// </summary>
public sealed class TraitMemo
{
    private readonly Dictionary<string, NormalizedTrait>[] _byDimension =
        [.. TraitDimensions.All.Select(_ => new Dictionary<string, NormalizedTrait>(StringComparer.Ordinal))];

    internal bool TryGet(TraitDimension dimension, string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NormalizedTrait? trait) =>
        _byDimension[(int)dimension].TryGetValue(text, out trait);

    internal void Add(TraitDimension dimension, string text, NormalizedTrait trait) => _byDimension[(int)dimension][text] = trait;
}
