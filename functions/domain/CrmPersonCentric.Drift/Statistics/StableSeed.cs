namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// A random seed that depends only on a persona's id and a few numbers (FNV-1a over the id's characters, then each
/// 32-bit part), so a calibration's draws, and with them a run's figures, are the same for the same data.
/// </summary>
public static class StableSeed
{
    /// <summary>The seed of an id and its parts.</summary>
    public static int Of(string id, ReadOnlySpan<uint> parts)
    {
        ArgumentNullException.ThrowIfNull(id);
        unchecked
        {
            var hash = 2166136261u;
            foreach (var ch in id)
            {
                hash = (hash ^ ch) * 16777619u;
            }

            foreach (var part in parts)
            {
                hash = (hash ^ part) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
