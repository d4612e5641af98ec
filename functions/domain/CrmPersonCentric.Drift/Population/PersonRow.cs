using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// One tagged contact as storage holds it, for <see cref="PopulationBuilder.AddRow(in PersonRow, char)"/>: ids and ICP attributes, and per
/// dimension the normalised trait keys as one text (keys joined by a separator). Spans, so reading a row allocates no
/// profile object.
/// </summary>
public readonly ref struct PersonRow
{
    /// <summary>The contact id.</summary>
    public required string ContactId { get; init; }

    /// <summary>The tagged persona.</summary>
    public required string? PersonaId { get; init; }

    /// <summary>Aspiration keys.</summary>
    public ReadOnlySpan<char> Aspirations { get; init; }

    /// <summary>Core fear keys.</summary>
    public ReadOnlySpan<char> CoreFears { get; init; }

    /// <summary>Peer group keys.</summary>
    public ReadOnlySpan<char> PeerGroups { get; init; }

    /// <summary>Community keys.</summary>
    public ReadOnlySpan<char> Communities { get; init; }

    /// <summary>Whether a deep personal desire is recorded (never its text).</summary>
    public bool HasDeepDesire { get; init; }

    /// <summary>How the person extends trust.</summary>
    public TrustModes Trust { get; init; }

    /// <summary>The account's industry key.</summary>
    public string? Industry { get; init; }

    /// <summary>The account's employee count.</summary>
    public int? Employees { get; init; }

    /// <summary>The account's region key.</summary>
    public string? Region { get; init; }

    /// <summary>When the person-centric fields last changed.</summary>
    public DateTimeOffset ProfileUpdatedOn { get; init; }

    /// <summary>The keys of one dimension.</summary>
    public ReadOnlySpan<char> TraitsOf(TraitDimension dimension) => dimension switch
    {
        TraitDimension.Aspiration => Aspirations,
        TraitDimension.CoreFear => CoreFears,
        TraitDimension.PeerGroup => PeerGroups,
        TraitDimension.Community => Communities,
        _ => [],
    };
}
