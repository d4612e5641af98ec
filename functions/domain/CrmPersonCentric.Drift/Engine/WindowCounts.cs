using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Counts one contact into the windows its profile age falls in (<paramref name="windows"/> ascending). Its traits are
    /// counted at most three times whatever the number of windows: the windows a contact is current in are every window
    /// from the first longer than its age, so it counts once into that window and <see cref="Fold"/> carries it to the
    /// longer ones; the windows it is previous in are a run before that, counted at the run's two ends. Read nothing
    /// until the pass has folded the counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int[] windows, int age, int[] traitIds, int start, int end, byte recorded)
    {
        // The windows ascend, so the first window the contact is current in is the number of windows its age reaches, and
        // the first it is previous in (w ≤ age < 2w) the number of windows whose double it reaches (counted, not searched:
        // no branch per window).
        var first = 0;
        var from = 0;
        foreach (var window in windows)
        {
            first += age >= window ? 1 : 0;
            from += age >= 2 * window ? 1 : 0;
        }

        if (first < windows.Length)
        {
            CurrentPeople[first]++;
            AddTraits(CurrentTraitCounts[first], traitIds, start, end, 1);
            AddRecorded(CurrentRecorded[first], recorded, 1);
        }

        if (from < first)
        {
            PreviousPeople[from]++;
            AddTraits(PreviousTraitCounts[from], traitIds, start, end, 1);
            AddRecorded(PreviousRecorded[from], recorded, 1);
            if (first < windows.Length)
            {
                PreviousPeople[first]--;
                AddTraits(PreviousTraitCounts[first], traitIds, start, end, -1);
                AddRecorded(PreviousRecorded[first], recorded, -1);
            }
        }
    }

    /// <summary>After the pass: the counts per window from what <see cref="Add"/> left at each run's ends (running sums over the windows).</summary>
    public void Fold()
    {
        for (var w = 1; w < CurrentPeople.Length; w++)
        {
            CurrentPeople[w] += CurrentPeople[w - 1];
            PreviousPeople[w] += PreviousPeople[w - 1];
            Accumulate(CurrentTraitCounts[w], CurrentTraitCounts[w - 1]);
            Accumulate(PreviousTraitCounts[w], PreviousTraitCounts[w - 1]);
            Accumulate(CurrentRecorded[w], CurrentRecorded[w - 1]);
            Accumulate(PreviousRecorded[w], PreviousRecorded[w - 1]);
        }
    }

    private static void Accumulate<T>(T[] into, T[] from)
        where T : System.Numerics.INumber<T>
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRecorded(long[] counts, byte mask, int sign)
    {
        // 0 or ±1 per dimension, without a branch per bit.
        for (var d = 0; d < counts.Length; d++)
        {
            counts[d] += sign * ((mask >> d) & 1);
        }
    }

    private static void AddTraits(int[] counts, int[] traitIds, int start, int end, int sign)
    {
        for (var i = start; i < end; i++)
        {
            counts[traitIds[i]] += sign;
        }
    }
}
