using CrmPersonCentric.Drift.Population;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>What the per-persona steps need, bundled.</summary>
internal sealed record PersonaContext(
    CompactPopulation Population,
    PersonaShape Shape,
    PersonaStats Stats,
    int PersonaIndex,
    int[] Windows,
    float[] Fits)
{
    public int WindowIndex(int windowDays) => Array.IndexOf(Windows, windowDays);
}
