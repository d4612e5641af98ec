using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// The tagged people of an evaluation in struct-of-arrays form: one entry per contact in each array, traits as
/// sorted interned ids in one flat array (CSR layout), behaviour recency as days before the as-of date.
/// Built once by <see cref="PopulationBuilder"/>; read-only afterwards.
/// </summary>
public sealed class CompactPopulation
{
    /// <summary>Marks "never" / "unknown" in the day arrays.</summary>
    public const ushort Never = ushort.MaxValue;

    internal CompactPopulation(
        DateTimeOffset asOf,
        ImmutableArray<Persona> personas,
        TraitCatalog traits,
        string[] industries,
        string[] regions,
        int count,
        string[] contactIds,
        int[] personaIndex,
        int[] traitOffsets,
        int[] traitIds,
        byte[] recordedDimensions,
        ushort[] profileAgeDays,
        bool[] hasDeepDesire,
        int[] industryIds,
        int[] regionIds,
        int[] employeeCounts,
        ushort[] lastSeenDays,
        int[][] eventsByDay,
        long orphanSignals)
    {
        AsOf = asOf;
        Personas = personas;
        Traits = traits;
        Industries = industries;
        Regions = regions;
        Count = count;
        ContactIds = contactIds;
        PersonaIndex = personaIndex;
        TraitOffsets = traitOffsets;
        TraitIds = traitIds;
        RecordedDimensions = recordedDimensions;
        ProfileAgeDays = profileAgeDays;
        HasDeepDesire = hasDeepDesire;
        IndustryIds = industryIds;
        RegionIds = regionIds;
        EmployeeCounts = employeeCounts;
        LastSeenDays = lastSeenDays;
        EventsByDay = eventsByDay;
        OrphanSignals = orphanSignals;
    }

    /// <summary>The date the windows end on.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The personas, indexed as in <see cref="PersonaIndex"/>.</summary>
    public ImmutableArray<Persona> Personas { get; }

    /// <summary>The interned traits.</summary>
    public TraitCatalog Traits { get; }

    /// <summary>Interned industry keys.</summary>
    public IReadOnlyList<string> Industries { get; }

    /// <summary>Interned region keys.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>Number of tagged contacts.</summary>
    public int Count { get; }

    /// <summary>Contact id of each contact (what worklists name; never logged).</summary>
    public string[] ContactIds { get; }

    /// <summary>Persona index of each contact.</summary>
    public int[] PersonaIndex { get; }

    /// <summary>Start of each contact's traits in <see cref="TraitIds"/>; Count + 1 entries.</summary>
    public int[] TraitOffsets { get; }

    /// <summary>All contacts' trait ids, each contact's run ascending.</summary>
    public int[] TraitIds { get; }

    /// <summary>
    /// Per contact, a bit per dimension (bit <c>1 &lt;&lt; (int)dimension</c>) set when at least one trait of it is recorded. An
    /// empty dimension means "not recorded", never "none": the statistics of a dimension count only its recorded people.
    /// </summary>
    public byte[] RecordedDimensions { get; }

    /// <summary>Days between the profile's last change and the as-of date (<see cref="Never"/> when unknown).</summary>
    public ushort[] ProfileAgeDays { get; }

    /// <summary>Whether each contact has a recorded deep personal desire.</summary>
    public bool[] HasDeepDesire { get; }

    /// <summary>Industry id per contact, -1 when unknown.</summary>
    public int[] IndustryIds { get; }

    /// <summary>Region id per contact, -1 when unknown.</summary>
    public int[] RegionIds { get; }

    /// <summary>Employee count per contact, -1 when unknown.</summary>
    public int[] EmployeeCounts { get; }

    /// <summary>
    /// For contact c and behaviour slot s (see <see cref="BehaviourKeys"/>), at [c * SlotCount + s]: days since the
    /// most recent such signal, or <see cref="Never"/>.
    /// </summary>
    public ushort[] LastSeenDays { get; }

    /// <summary>Per persona, per slot and day before as-of: the number of events, at [slot * (MaxDays + 1) + day].</summary>
    public int[][] EventsByDay { get; }

    /// <summary>Signals whose contact is not in the population (untagged or unknown contacts).</summary>
    public long OrphanSignals { get; }

    /// <summary>How each contact extends trust (<see cref="TrustModes"/> flags; 0 when not recorded).</summary>
    public byte[] Trust { get; internal init; } = [];

    /// <summary>Per contact, a bit per <see cref="SignalSource"/> that recorded a signal of it in the journey window (<see cref="AdvocacyKinds.JourneyWindowDays"/>).</summary>
    public byte[] Sources { get; internal init; } = [];

    /// <summary>Per contact, its signals with a known function in the journey window (saturating at 255): whether one function only can be told.</summary>
    public byte[] Touchpoints { get; internal init; } = [];

    /// <summary>Per persona, signals in the journey window per source (index = <see cref="SignalSource"/>; the last entry counts signals without a source).</summary>
    public long[][] SourceEvents { get; internal init; } = [];

    /// <summary>Per contact and advocacy kind (see <see cref="AdvocacyKinds"/>), at [c * 4 + kind]: events in the advocacy window, saturating at 255.</summary>
    public byte[] AdvocacyCounts { get; internal init; } = [];

    /// <summary>Per contact, the distinct people it referred in the advocacy window (referrals naming the referred contact).</summary>
    public ushort[] ReferredPeople { get; internal init; } = [];

    /// <summary>The messaging theme keys, indexed as in <see cref="ThemeResponses"/>.</summary>
    public IReadOnlyList<string> Themes { get; internal init; } = [];

    /// <summary>The messaging layer (1–4) of each theme: the theme taxonomy's, else the layer of its first response seen.</summary>
    public int[] ThemeLayers { get; internal init; } = [];

    /// <summary>Per contact, the themes it responded to with the days since its latest response.</summary>
    public ThemeResponses ThemeResponses { get; internal init; } = ThemeResponses.Empty;

    /// <summary>Per contact, the themes sent to it (<see cref="Model.BehaviourType.MessageSent"/>) with days since the latest send of each; empty without send data.</summary>
    public ThemeResponses ThemeExposures { get; internal init; } = ThemeResponses.Empty;

    /// <summary>The mask bit of a dimension in <see cref="RecordedDimensions"/>.</summary>
    public static byte Bit(TraitDimension dimension) => (byte)(1 << (int)dimension);

    /// <summary>Trait ids of one contact.</summary>
    public ReadOnlySpan<int> TraitsOf(int contact) =>
        TraitIds.AsSpan(TraitOffsets[contact], TraitOffsets[contact + 1] - TraitOffsets[contact]);
}
