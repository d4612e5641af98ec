using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>Counts gathered for one persona in the single pass over the population.</summary>
internal sealed class PersonaStats
{
    public PersonaStats(int traitCount, int windowCount, int industryCount, int regionCount)
    {
        TraitCounts = new int[traitCount];
        CurrentTraitCounts = new int[windowCount][];
        PreviousTraitCounts = new int[windowCount][];
        CurrentPeople = new long[windowCount];
        PreviousPeople = new long[windowCount];
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
        }

        OutsideIndustries = new long[industryCount];
        OutsideRegions = new long[regionCount];
    }

    public long N;
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
