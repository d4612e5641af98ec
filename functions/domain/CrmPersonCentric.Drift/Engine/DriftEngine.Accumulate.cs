using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    /// <summary>The window that "recently active" means (behaviour signal within it), for worklists and the recorded/unrecorded comparison.</summary>
    private const int ActivityWindowDays = 90;

    /// <summary>The single pass: every count the tests need, per persona, without touching a string.</summary>
    private static PersonaStats[] Accumulate(CompactPopulation population, PersonaShape[] shapes, int[] windows, float[] fits, int worklistCap, IProgress<double>? progress)
    {
        var traitCount = population.Traits.Count;
        var stats = new PersonaStats[shapes.Length];
        for (var p = 0; p < stats.Length; p++)
        {
            stats[p] = new PersonaStats(traitCount, windows.Length, population.Industries.Count, population.Regions.Count, population.Themes.Count) { WorklistCap = worklistCap };
        }

        var recordedMasks = population.RecordedDimensions;
        var personaIndex = population.PersonaIndex;
        var offsets = population.TraitOffsets;
        var traitIds = population.TraitIds;
        var ages = population.ProfileAgeDays;
        var lastSeen = population.LastSeenDays;
        var layer4Slot = BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.DeepPersonalDesire);
        var reportEvery = Math.Max(1, population.Count / 20);
        for (var c = 0; c < population.Count; c++)
        {
            var p = personaIndex[c];
            var s = stats[p];
            var shape = shapes[p];
            var weights = shape.Weights;
            var mask = recordedMasks[c];
            s.N++;
            if (mask != 0)
            {
                s.AnyRecorded++;
            }
            double declaredMass = 0;
            for (var d = 0; d < TraitDimensions.Count; d++)
            {
                if ((mask & (1 << d)) != 0)
                {
                    s.Recorded[d]++;
                    declaredMass += shape.DeclaredMassByDimension[d];
                }
            }

            double matchedMass = 0;
            var matched = 0;
            var start = offsets[c];
            var end = offsets[c + 1];
            var counts = s.TraitCounts;
            for (var i = start; i < end; i++)
            {
                var t = traitIds[i];
                counts[t]++;
                var w = weights[t];
                if (w > 0)
                {
                    matchedMass += w;
                    matched++;
                }
            }

            var fit = PersonaFit.Combine(matchedMass, declaredMass, matched, end - start);
            fits[c] = fit is { } f ? (float)f : float.NaN;
            if (fit is { } known)
            {
                s.WithFit++;
                s.FitSum += known;
                s.FitHistogram[Math.Min(9, (int)(known * 10))]++;
            }

            var age = ages[c];
            var seen = lastSeen.AsSpan(c * BehaviourKeys.SlotCount, BehaviourKeys.SlotCount);
            var deepDesire = population.HasDeepDesire[c];
            if (deepDesire)
            {
                s.DeepDesire++;
            }

            var active = false;
            for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
            {
                active |= seen[slot] < ActivityWindowDays;
            }

            if (active)
            {
                s.Active++;
                for (var d = 0; d < TraitDimensions.Count; d++)
                {
                    if ((mask & (1 << d)) != 0)
                    {
                        s.RecordedActive[d]++;
                    }
                }
            }

            var missing = shape.DeclaredDimensions & ~mask;
            if (missing != 0)
            {
                s.MissingDeclared++;
                var bucket = s.WorklistBuckets[(missing * 2) + (active ? 1 : 0)];
                if (bucket.Count < s.WorklistCap)
                {
                    bucket.Add(c);
                }
            }

            for (var wi = 0; wi < windows.Length; wi++)
            {
                var window = windows[wi];
                if (age < window)
                {
                    s.CurrentPeople[wi]++;
                    AddTraits(s.CurrentTraitCounts[wi], traitIds, start, end);
                    AddRecorded(s.CurrentRecorded[wi], mask);
                }
                else if (age < 2 * window)
                {
                    s.PreviousPeople[wi]++;
                    AddTraits(s.PreviousTraitCounts[wi], traitIds, start, end);
                    AddRecorded(s.PreviousRecorded[wi], mask);
                }

                var slotPeople = s.SlotPeople[wi];
                for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
                {
                    if (seen[slot] < window)
                    {
                        slotPeople[slot]++;
                    }
                }

                if (deepDesire && shape.ReachedSlot >= 0)
                {
                    var deep = seen[layer4Slot] < window;
                    var reached = seen[shape.ReachedSlot] < window;
                    if (deep)
                    {
                        s.Layer4Any[wi]++;
                    }

                    if (reached)
                    {
                        s.ReachedAny[wi]++;
                    }

                    if (deep && !reached)
                    {
                        s.Layer4Only[wi]++;
                    }
                    else if (reached && !deep)
                    {
                        s.ReachedOnly[wi]++;
                    }
                }
            }

            AccumulatePerson(population, s, c, windows);
            var industry = population.IndustryIds[c];
            var region = population.RegionIds[c];
            var employees = population.EmployeeCounts[c];
            if (shape.IsOutsideIcp(industry, region, employees))
            {
                s.Outside++;
                if (fit is { } outsideFit)
                {
                    s.OutsideWithFit++;
                    s.OutsideFitSum += outsideFit;
                }

                if (industry >= 0 && shape.IndustryAllowed is { } ia && !ia[industry])
                {
                    s.OutsideIndustries[industry]++;
                }

                if (region >= 0 && shape.RegionAllowed is { } ra && !ra[region])
                {
                    s.OutsideRegions[region]++;
                }

                if (employees >= 0 && employees < shape.MinEmployees)
                {
                    s.OutsideBelowMinEmployees++;
                }
                else if (employees > shape.MaxEmployees)
                {
                    s.OutsideAboveMaxEmployees++;
                }
            }

            if (progress is not null && c % reportEvery == 0)
            {
                progress.Report(0.9 * c / population.Count);
            }
        }

        return stats;
    }

    /// <summary>The person-level counts of a contact: trust, functions, themes and advocacy.</summary>
    private static void AccumulatePerson(CompactPopulation population, PersonaStats s, int c, int[] windows)
    {
        var trust = population.Trust[c];
        if (trust != 0)
        {
            s.TrustRecorded++;
            for (var k = 0; k < 4; k++)
            {
                if ((trust & (1 << k)) != 0)
                {
                    s.TrustCounts[k]++;
                }
            }
        }

        var sources = population.Sources[c];
        if (sources != 0)
        {
            s.Touched++;
            if ((sources & (sources - 1)) == 0)
            {
                s.SingleFunction++;
            }

            for (var k = 0; k < SignalSources.Count; k++)
            {
                if ((sources & (1 << k)) != 0)
                {
                    s.PeopleBySource[k]++;
                }
            }
        }

        var responses = population.ThemeResponses;
        var from = responses.Offsets[c];
        var to = responses.Offsets[c + 1];
        if (to > from)
        {
            for (var wi = 0; wi < windows.Length; wi++)
            {
                var any = false;
                for (var i = from; i < to; i++)
                {
                    if (responses.Days[i] < windows[wi])
                    {
                        s.ThemeResponders[wi][responses.ThemeIds[i]]++;
                        any = true;
                    }
                }

                if (any)
                {
                    s.Responders[wi]++;
                }
            }
        }

        // Most people show none of the four in the window: the histograms' zero bins are never read, so they are skipped.
        var advocacy = population.AdvocacyCounts.AsSpan(c * AdvocacyKinds.Count, AdvocacyKinds.Count);
        if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(advocacy) != 0)
        {
            var total = 0;
            for (var k = 0; k < AdvocacyKinds.Count; k++)
            {
                s.AdvocacyHistogram[k][advocacy[k]]++;
                total += advocacy[k];
            }

            s.AdvocacyTotals[total]++;
        }
    }

    private static void AddRecorded(long[] recorded, byte mask)
    {
        for (var d = 0; d < recorded.Length; d++)
        {
            if ((mask & (1 << d)) != 0)
            {
                recorded[d]++;
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
