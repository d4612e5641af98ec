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

    /// <summary>Whether to generate behaviour signals (the benchmark's baseline skips the signal objects).</summary>
    public bool IncludeSignals { get; init; } = true;
}
