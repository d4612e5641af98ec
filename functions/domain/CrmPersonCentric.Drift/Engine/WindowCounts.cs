namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// One persona's counts per window, gathered by the engine in the single pass: the people profiled in the current window
/// (profile younger than the window) and in the one before, their traits and recorded dimensions. The stability test
/// compares the two windows; the emerging-trait test also runs on the current one.
/// </summary>
internal sealed class WindowCounts
{
    public WindowCounts(int traitCount, int windowCount)
    {
        CurrentPeople = new long[windowCount];
        PreviousPeople = new long[windowCount];
        CurrentTraitCounts = new int[windowCount][];
        PreviousTraitCounts = new int[windowCount][];
        CurrentRecorded = new long[windowCount][];
        PreviousRecorded = new long[windowCount][];
        for (var w = 0; w < windowCount; w++)
        {
            CurrentTraitCounts[w] = new int[traitCount];
            PreviousTraitCounts[w] = new int[traitCount];
            CurrentRecorded[w] = new long[Model.TraitDimensions.Count];
            PreviousRecorded[w] = new long[Model.TraitDimensions.Count];
        }
    }

    public readonly long[] CurrentPeople;
    public readonly long[] PreviousPeople;
    public readonly int[][] CurrentTraitCounts;
    public readonly int[][] PreviousTraitCounts;
    public readonly long[][] CurrentRecorded;
    public readonly long[][] PreviousRecorded;

    /// <summary>Counts one contact into the windows its profile age falls in.</summary>
    public void Add(int[] windows, int age, int[] traitIds, int start, int end, byte recorded)
    {
        for (var wi = 0; wi < windows.Length; wi++)
        {
            var window = windows[wi];
            if (age < window)
            {
                CurrentPeople[wi]++;
                AddTraits(CurrentTraitCounts[wi], traitIds, start, end);
                AddRecorded(CurrentRecorded[wi], recorded);
            }
            else if (age < 2 * window)
            {
                PreviousPeople[wi]++;
                AddTraits(PreviousTraitCounts[wi], traitIds, start, end);
                AddRecorded(PreviousRecorded[wi], recorded);
            }
        }
    }

    private static void AddRecorded(long[] counts, byte mask)
    {
        for (var d = 0; mask != 0; d++, mask >>= 1)
        {
            if ((mask & 1) != 0)
            {
                counts[d]++;
            }
        }
    }

    private static void AddTraits(int[] counts, int[] traitIds, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            counts[traitIds[i]]++;
        }
    }
}
