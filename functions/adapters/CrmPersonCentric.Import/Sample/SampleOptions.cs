namespace CrmPersonCentric.Import.Sample;

/// <summary>Settings of the sample generator.</summary>
public sealed record SampleOptions
{
    /// <summary>The seed of the shipped sample.</summary>
    public const int ShippedSeed = 20261101;

    /// <summary>Random seed; the same seed gives the same data.</summary>
    public int Seed { get; init; } = ShippedSeed;

    /// <summary>When true, every persona's people follow its declaration (no planted drift).</summary>
    public bool NoDrift { get; init; }

    /// <summary>Multiplies every persona's number of people (1 gives a few thousand contacts).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Untagged contacts to add (scaled too).</summary>
    public int UntaggedPeople { get; init; } = 300;

    /// <summary>The export date: windows end here.</summary>
    public DateTimeOffset ExportedOn { get; init; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Share of tagged contacts never enriched: no trait, desire, stakes or trust recorded (real CRM data is mostly
    /// like that). The shipped sample uses 0.25.
    /// </summary>
    public double UnenrichedShare { get; init; } = 0.25;

    /// <summary>For the enriched contacts, the chance that each dimension was left empty. The shipped sample uses 0.1.</summary>
    public double EmptyDimensionShare { get; init; } = 0.1;

    /// <summary>
    /// Per dimension, the share of people who also typed a phrasing the taxonomy does not know, each one rare (a few are
    /// typos of known traits). The shipped sample uses 0.1.
    /// </summary>
    public double LongTailShare { get; init; } = 0.1;

    /// <summary>
    /// For the enriched contacts, the chance that each trait a person holds was written down (sales users record some of
    /// what they learn, not all). The shipped sample uses 1: every held trait of an answered dimension is recorded.
    /// </summary>
    public double RecordingChance { get; init; } = 1;

    /// <summary>A sample with every profile complete and no long tail (what the statistics were first tuned on).</summary>
    public static SampleOptions Complete { get; } = new() { UnenrichedShare = 0, EmptyDimensionShare = 0, LongTailShare = 0 };

    /// <summary>Whether to generate behaviour signals (the benchmark's baseline skips the signal objects).</summary>
    public bool IncludeSignals { get; init; } = true;
}
