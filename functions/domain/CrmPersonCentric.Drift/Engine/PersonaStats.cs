using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>Counts gathered for one persona in the single pass over the population.</summary>
internal sealed class PersonaStats
{
    public PersonaStats(int traitCount, int windowCount, int industryCount, int regionCount, int themeCount)
    {
        ThemeResponders = new long[windowCount][];
        Responders = new long[windowCount];
        for (var w = 0; w < windowCount; w++)
        {
            ThemeResponders[w] = new long[themeCount];
        }

        for (var k = 0; k < AdvocacyHistogram.Length; k++)
        {
            AdvocacyHistogram[k] = new long[256];
        }

        TraitCounts = new int[traitCount];
        CurrentTraitCounts = new int[windowCount][];
        PreviousTraitCounts = new int[windowCount][];
        CurrentPeople = new long[windowCount];
        PreviousPeople = new long[windowCount];
        CurrentRecorded = new long[windowCount][];
        PreviousRecorded = new long[windowCount][];
        SlotPeople = new long[windowCount][];
        Layer4Only = new long[windowCount];
        ReachedOnly = new long[windowCount];
        Layer4Any = new long[windowCount];
        ReachedAny = new long[windowCount];
        for (var w = 0; w < windowCount; w++)
        {
            CurrentTraitCounts[w] = new int[traitCount];
            PreviousTraitCounts[w] = new int[traitCount];
            SlotPeople[w] = new long[BehaviourKeys.SlotCount];
            CurrentRecorded[w] = new long[TraitDimensions.Count];
            PreviousRecorded[w] = new long[TraitDimensions.Count];
        }

        for (var b = 0; b < WorklistBuckets.Length; b++)
        {
            WorklistBuckets[b] = [];
        }

        OutsideIndustries = new long[industryCount];
        OutsideRegions = new long[regionCount];
    }

    /// <summary>Per dimension, the calibrated distance once computed (the tests and the summary share it).</summary>
    public readonly (double Raw, double Calibrated, double PValue)?[] Distances = new (double, double, double)?[TraitDimensions.Count];

    /// <summary>Contacts a worklist bucket keeps at most (the worklist's cap).</summary>
    public int WorklistCap;

    public long N;

    /// <summary>People with at least one trait recorded in any dimension.</summary>
    public long AnyRecorded;

    /// <summary>People with at least one trust channel recorded, and per channel (order of <see cref="Model.TrustExpectation.Channels"/>) how many use it.</summary>
    public long TrustRecorded;

    public readonly long[] TrustCounts = new long[4];

    /// <summary>People touched by at least one function in the journey window, by exactly one, and per function.</summary>
    public long Touched;

    public long SingleFunction;

    public readonly long[] PeopleBySource = new long[SignalSources.Count];

    /// <summary>Per window and theme, people who responded to it; per window, people who responded to any theme.</summary>
    public readonly long[][] ThemeResponders;

    public readonly long[] Responders;

    /// <summary>Per advocacy kind, people by their event count in the advocacy window (1–255; the zero bin is not counted: nothing reads it).</summary>
    public readonly long[][] AdvocacyHistogram = new long[AdvocacyKinds.Count][];

    /// <summary>People by their total advocacy events in the window (1–1020; zero not counted): the top decile's share comes from it.</summary>
    public readonly long[] AdvocacyTotals = new long[(AdvocacyKinds.Count * 255) + 1];

    /// <summary>Co-occurrence of community and peer-group traits: per pair of trait ids (low id in the high 32 bits), how many people hold both.</summary>
    public readonly Dictionary<long, int> TraitPairs = [];

    /// <summary>People with at least one trait recorded per dimension.</summary>
    public readonly long[] Recorded = new long[TraitDimensions.Count];

    /// <summary>People missing at least one dimension the persona declares.</summary>
    public long MissingDeclared;

    /// <summary>People with a behaviour signal in the last 90 days.</summary>
    public long Active;

    /// <summary>Per dimension, the recorded people among the active ones (for the comparison of recorded and unrecorded people).</summary>
    public readonly long[] RecordedActive = new long[TraitDimensions.Count];

    /// <summary>Per window and dimension, recorded people whose profile changed in the current / previous window.</summary>
    public readonly long[][] CurrentRecorded;

    public readonly long[][] PreviousRecorded;

    /// <summary>
    /// Enrichment candidates by (missing declared dimensions mask × 2 + active), each at most <see cref="WorklistCap"/>
    /// contact indices in population order: ranked once coverage is known, without a second pass.
    /// </summary>
    public readonly List<int>[] WorklistBuckets = new List<int>[(1 << TraitDimensions.Count) * 2];
    public long DeepDesire;
    public long WithFit;
    public double FitSum;
    public readonly long[] FitHistogram = new long[10];
    public long Outside;
    public long OutsideWithFit;
    public double OutsideFitSum;
    public readonly int[] TraitCounts;
    public readonly int[][] CurrentTraitCounts;
    public readonly int[][] PreviousTraitCounts;
    public readonly long[] CurrentPeople;
    public readonly long[] PreviousPeople;
    public readonly long[][] SlotPeople;
    public readonly long[] Layer4Only;
    public readonly long[] ReachedOnly;
    public readonly long[] Layer4Any;
    public readonly long[] ReachedAny;
    public readonly long[] OutsideIndustries;
    public readonly long[] OutsideRegions;
    public long OutsideBelowMinEmployees;
    public long OutsideAboveMaxEmployees;

    public double MeanFit => WithFit == 0 ? 0 : FitSum / WithFit;

    public double InsideMeanFit => WithFit - OutsideWithFit == 0 ? 0 : (FitSum - OutsideFitSum) / (WithFit - OutsideWithFit);

    public double OutsideMeanFit => OutsideWithFit == 0 ? 0 : OutsideFitSum / OutsideWithFit;
}
