using System.Runtime.CompilerServices;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Behaviour (read by the engine's activity count and the behaviour and messaging analyzers): per contact and behaviour
/// slot, the days since it was last seen; per persona, slot and day, how many events.
/// </summary>
public sealed partial class PopulationBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecordBehaviour(int contact, int slot, ushort days)
    {
        var index = (contact * BehaviourKeys.SlotCount) + slot;
        if (days < _lastSeen[index])
        {
            _lastSeen[index] = days;
        }

        if (days <= MaxDays)
        {
            _eventsByDay[_persona[contact]][(slot * (MaxDays + 1)) + days]++;
        }
    }
}
