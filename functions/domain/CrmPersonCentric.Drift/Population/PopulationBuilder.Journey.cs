using System.Runtime.CompilerServices;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// The journey across functions (read by the journey analyzer): per contact, the functions that touched it in the
/// journey window; per persona, the events of each function (and of none known).
/// </summary>
public sealed partial class PopulationBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecordJourney(int contact, ushort days, byte source)
    {
        if (days >= AdvocacyKinds.JourneyWindowDays)
        {
            return;
        }

        var known = source < SignalSources.Count;
        _sourceEvents[_persona[contact]][known ? source : SignalSources.Count]++;
        if (known)
        {
            _sources[contact] |= (byte)(1 << source);
            if (_touchpoints[contact] < byte.MaxValue)
            {
                _touchpoints[contact]++;
            }
        }
    }
}
