using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Advocacy (read by the advocacy analyzer): per contact, its contribution, referral, advocacy and co-creation events in
/// the advocacy window (up to 255 each), and the distinct people it referred.
/// </summary>
public sealed partial class PopulationBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecordAdvocacy(int contact, int slot, ushort days, uint? related)
    {
        if (days >= AdvocacyKinds.WindowDays || AdvocacyKinds.Of(slot) is not (var kind and >= 0))
        {
            return;
        }

        var at = (contact * AdvocacyKinds.Count) + kind;
        if (_advocacy[at] < byte.MaxValue)
        {
            _advocacy[at]++;
        }

        if (related is { } hash)
        {
            _referrals.Add(((ulong)(uint)contact << 32) | hash);
        }
    }

    /// <summary>Per contact, the distinct people referred: the links (appended as they came, repeats included) sorted in place and counted once each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ushort[] ReferredPeople()
    {
        var counts = new ushort[_persona.Count];
        var links = CollectionsMarshal.AsSpan(_referrals);
        SortGrouped(links, 32);
        for (var i = 0; i < links.Length; i++)
        {
            var contact = (int)(links[i] >> 32);
            if ((i == 0 || links[i] != links[i - 1]) && counts[contact] < ushort.MaxValue)
            {
                counts[contact]++;
            }
        }

        return counts;
    }
}
