using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>Helpers over <see cref="TraitDimension"/>.</summary>
public static class TraitDimensions
{
    /// <summary>Every dimension, in display order.</summary>
    public static ImmutableArray<TraitDimension> All { get; } =
        [TraitDimension.Aspiration, TraitDimension.CoreFear, TraitDimension.PeerGroup, TraitDimension.Community];

    /// <summary>The number of dimensions.</summary>
    public const int Count = 4;

    /// <summary>A short, stable, lower-case name used in files and column names ("aspirations", "corefears"...).</summary>
    public static string ToFieldName(this TraitDimension dimension) => dimension switch
    {
        TraitDimension.Aspiration => "aspirations",
        TraitDimension.CoreFear => "corefears",
        TraitDimension.PeerGroup => "peergroups",
        TraitDimension.Community => "communities",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown trait dimension."),
    };

    /// <summary>A label a marketing lead reads ("Core fears").</summary>
    public static string ToDisplayName(this TraitDimension dimension) => dimension switch
    {
        TraitDimension.Aspiration => "Aspirations",
        TraitDimension.CoreFear => "Core fears",
        TraitDimension.PeerGroup => "Peer groups",
        TraitDimension.Community => "Communities",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown trait dimension."),
    };

    /// <summary>Parses a dimension from its enum name or field name, case-insensitively.</summary>
    public static bool TryParse(string? text, out TraitDimension dimension)
    {
        dimension = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(trimmed, candidate.ToString(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(trimmed, candidate.ToFieldName(), StringComparison.OrdinalIgnoreCase))
            {
                dimension = candidate;
                return true;
            }
        }

        return false;
    }
}
