namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Jaccard distance between two sets given as ascending, distinct integer ids: 1 − |A ∩ B| / |A ∪ B|
/// (0 for two empty sets). Source: P. Jaccard (1912), New Phytologist 11(2):37–50.
/// </summary>
public static class JaccardDistance
{
    /// <summary>The distance of two sorted id sets.</summary>
    public static double Compute(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = a[i];
            var y = b[j];
            if (x == y)
            {
                shared++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 1 - ((double)shared / (a.Length + b.Length - shared));
    }
}
