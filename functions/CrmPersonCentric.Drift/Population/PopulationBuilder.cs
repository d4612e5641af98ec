using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Builds a <see cref="CompactPopulation"/> from profiles and signals. Only contacts tagged with one of the
/// given personas are kept. Signals after the as-of date are ignored; a signal for an unknown contact is counted
/// as an orphan, never an error (it may belong to an untagged contact).
/// </summary>
public sealed class PopulationBuilder
{
    /// <summary>Longest window, in days, that behaviour counts are kept for.</summary>
    public const int MaxDays = Rules.DriftRuleValidator.MaxWindowDays;

    private readonly DateTimeOffset _asOf;
    private readonly ImmutableArray<Persona> _personas;
    private readonly Dictionary<string, int> _personaIndex;
    private readonly Dictionary<string, int> _contactIndex = new(StringComparer.Ordinal);
    private int _indexed;
    private readonly Dictionary<string, int> _industries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _regions = new(StringComparer.OrdinalIgnoreCase);
    private readonly TraitCatalog _traits = new();
    private readonly List<int> _persona = [];
    private readonly List<string> _contactIds = [];
    private readonly List<byte> _recorded = [];
    private readonly List<int> _offsets = [0];
    private readonly List<int> _traitIds = [];
    private readonly List<ushort> _profileAge = [];
    private readonly List<bool> _deepDesire = [];
    private readonly List<int> _industry = [];
    private readonly List<int> _region = [];
    private readonly List<int> _employees = [];
    private readonly List<ushort> _lastSeen = [];
    private readonly int[][] _eventsByDay;
    private readonly List<int> _scratch = [];
    private long _orphans;

    /// <summary>Starts a population for these personas, with windows ending on the as-of date.</summary>
    public PopulationBuilder(IEnumerable<Persona> personas, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(personas);
        _asOf = asOf;
        _personas = [.. personas];
        _personaIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _personas.Length; i++)
        {
            _personaIndex.Add(_personas[i].Id, i);
            foreach (var trait in _personas[i].Traits)
            {
                _traits.Intern(trait.Dimension, trait.Key);
            }
        }

        _eventsByDay = new int[_personas.Length][];
        for (var i = 0; i < _eventsByDay.Length; i++)
        {
            _eventsByDay[i] = new int[BehaviourKeys.SlotCount * (MaxDays + 1)];
        }
    }

    /// <summary>Number of contacts added so far.</summary>
    public int Count => _persona.Count;

    /// <summary>
    /// Reserves room for this many contacts (and their traits: the mean of the contacts added so far, 8 before any), so a large population grows
    /// its arrays once instead of doubling them repeatedly: what keeps building from storage near the arrays' own size.
    /// </summary>
    public void EnsureCapacity(int contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        var traitsPerContact = _persona.Count == 0 ? 8 : (int)Math.Ceiling((double)_traitIds.Count / _persona.Count) + 1;
        _persona.EnsureCapacity(contacts);
        _contactIds.EnsureCapacity(contacts);
        _recorded.EnsureCapacity(contacts);
        _offsets.EnsureCapacity(contacts + 1);
        _traitIds.EnsureCapacity(contacts * traitsPerContact);
        _profileAge.EnsureCapacity(contacts);
        _deepDesire.EnsureCapacity(contacts);
        _industry.EnsureCapacity(contacts);
        _region.EnsureCapacity(contacts);
        _employees.EnsureCapacity(contacts);
        _lastSeen.EnsureCapacity(contacts * BehaviourKeys.SlotCount);
    }

    /// <summary>Adds a contact; returns false (and keeps nothing) when it is not tagged with a known persona.</summary>
    /// <exception cref="ArgumentException">The contact id was added before.</exception>
    public bool Add(PersonProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Begin(profile.ContactId, profile.PersonaId, indexed: true, out _))
        {
            return false;
        }

        foreach (var (dimension, key) in profile.Traits.All())
        {
            _scratch.Add(_traits.Intern(dimension, key));
        }

        End(profile.HasDeepPersonalDesire, profile.Account.Industry, profile.Account.EmployeeCount, profile.Account.Region, profile.ProfileUpdatedOn);
        return true;
    }

    /// <summary>
    /// Adds a contact straight from its stored row, without a profile object: the traits of each dimension as one text of
    /// keys joined by <paramref name="separator"/>. Returns the contact's index, or -1 (nothing kept) when it is not
    /// tagged with a known persona. Allocates nothing per contact beyond its share of the population's arrays (a trait
    /// key is copied only the first time it is seen). Rows are unique by their storage key, so ids are not checked
    /// for repeats here (and not indexed until a signal object needs the index).
    /// </summary>
    public int AddRow(in PersonRow row, char separator = '|')
    {
        if (!Begin(row.ContactId, row.PersonaId, indexed: false, out var contact))
        {
            return -1;
        }

        foreach (var dimension in TraitDimensions.All)
        {
            foreach (var range in row.TraitsOf(dimension).Split(separator))
            {
                var key = row.TraitsOf(dimension)[range];
                if (!key.IsEmpty)
                {
                    _scratch.Add(_traits.Intern(dimension, key));
                }
            }
        }

        End(row.HasDeepDesire, row.Industry, row.Employees, row.Region, row.ProfileUpdatedOn);
        return contact;
    }

    /// <summary>Records an added contact's behaviour from its <see cref="BehaviourSummary"/> (as <see cref="AddSignal"/> does per signal); an unreadable summary adds nothing and returns false.</summary>
    public bool AddBehaviour(int contact, ReadOnlySpan<byte> summary)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contact);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(contact, _persona.Count);
        if (!BehaviourSummary.IsReadable(summary))
        {
            return false;
        }

        for (var i = 0; i < BehaviourSummary.Count(summary); i++)
        {
            var (slot, occurredOn) = BehaviourSummary.Entry(summary, i);
            if (slot < BehaviourKeys.SlotCount)
            {
                Record(contact, slot, occurredOn);
            }
        }

        return true;
    }

    private bool Begin(string contactId, string? personaId, bool indexed, out int contact)
    {
        contact = -1;
        if (personaId is null || !_personaIndex.TryGetValue(personaId, out var persona))
        {
            return false;
        }

        if (indexed)
        {
            EnsureIndexed();
            if (!_contactIndex.TryAdd(contactId, _persona.Count))
            {
                throw new ArgumentException("A contact id was added twice.", nameof(contactId));
            }

            _indexed++;
        }

        contact = _persona.Count;
        _persona.Add(persona);
        _contactIds.Add(contactId);
        _scratch.Clear();
        return true;
    }

    private void End(bool hasDeepDesire, string? industry, int? employees, string? region, DateTimeOffset profileUpdatedOn)
    {
        byte recorded = 0;
        foreach (var id in _scratch)
        {
            recorded |= CompactPopulation.Bit(_traits.DimensionOf(id));
        }

        _recorded.Add(recorded);
        _scratch.Sort();
        _traitIds.AddRange(_scratch);
        _offsets.Add(_traitIds.Count);
        _profileAge.Add(DaysBefore(profileUpdatedOn));
        _deepDesire.Add(hasDeepDesire);
        _industry.Add(Intern(_industries, industry));
        _region.Add(Intern(_regions, region));
        _employees.Add(employees ?? -1);
        for (var s = 0; s < BehaviourKeys.SlotCount; s++)
        {
            _lastSeen.Add(CompactPopulation.Never);
        }
    }

    /// <summary>Records a signal of an added contact; returns false when the contact is unknown or the signal is unusable.</summary>
    public bool AddSignal(BehaviourSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var slot = BehaviourKeys.Slot(signal.Type, signal.Layer);
        EnsureIndexed();
        if (!_contactIndex.TryGetValue(signal.ContactId, out var contact) || slot < 0)
        {
            _orphans++;
            return false;
        }

        return Record(contact, slot, signal.OccurredOn);
    }

    /// <summary>Indexes the contacts added by row since the index was last complete (only the object path needs it).</summary>
    private void EnsureIndexed()
    {
        for (; _indexed < _contactIds.Count; _indexed++)
        {
            _contactIndex.TryAdd(_contactIds[_indexed], _indexed);
        }
    }

    private bool Record(int contact, int slot, DateTimeOffset occurredOn)
    {
        var days = DaysBefore(occurredOn);
        if (days == CompactPopulation.Never)
        {
            return false;
        }

        var index = (contact * BehaviourKeys.SlotCount) + slot;
        if (days < _lastSeen[index])
        {
            _lastSeen[index] = days;
        }

        if (days <= MaxDays)
        {
            _eventsByDay[_persona[contact]][(slot * (MaxDays + 1)) + days]++;
        }

        return true;
    }

    /// <summary>Freezes what was added into a population.</summary>
    public CompactPopulation Build() => new(
        _asOf,
        _personas,
        _traits,
        [.. _industries.OrderBy(p => p.Value).Select(p => p.Key)],
        [.. _regions.OrderBy(p => p.Value).Select(p => p.Key)],
        _persona.Count,
        [.. _contactIds],
        [.. _persona],
        [.. _offsets],
        [.. _traitIds],
        [.. _recorded],
        [.. _profileAge],
        [.. _deepDesire],
        [.. _industry],
        [.. _region],
        [.. _employees],
        [.. _lastSeen],
        _eventsByDay,
        _orphans);

    /// <summary>Builds a population in one call.</summary>
    public static CompactPopulation Build(
        IEnumerable<Persona> personas,
        IEnumerable<PersonProfile> profiles,
        IEnumerable<BehaviourSignal> signals,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(signals);
        var builder = new PopulationBuilder(personas, asOf);
        foreach (var profile in profiles)
        {
            builder.Add(profile);
        }

        foreach (var signal in signals)
        {
            builder.AddSignal(signal);
        }

        return builder.Build();
    }

    /// <summary>Whole days from the moment to the as-of date; <see cref="CompactPopulation.Never"/> when after it or too old.</summary>
    private ushort DaysBefore(DateTimeOffset moment)
    {
        var days = Math.Floor((_asOf - moment).TotalDays);
        return days < 0 || days >= CompactPopulation.Never ? CompactPopulation.Never : (ushort)days;
    }

    private static int Intern(Dictionary<string, int> names, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return -1;
        }

        if (!names.TryGetValue(name, out var id))
        {
            id = names.Count;
            names.Add(name, id);
        }

        return id;
    }
}
