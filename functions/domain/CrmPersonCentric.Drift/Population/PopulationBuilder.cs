using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Builds a <see cref="CompactPopulation"/> from profiles and signals. Only contacts tagged with one of the
/// given personas are kept. Signals after the as-of date are ignored; a signal for an unknown contact is counted
/// as an orphan, never an error (it may belong to an untagged contact). This file holds the contacts and their profile
/// columns (persona, traits and recorded dimensions, profile age, deep desire, account, trust: what the engine's pass
/// and most analyzers read); each family of behaviour columns is recorded in a file of its own (Behaviour, Journey,
/// Advocacy, Themes), named after the analyzers that read it.
/// </summary>
public sealed partial class PopulationBuilder
{
    /// <summary>Longest window, in days, that behaviour counts are kept for.</summary>
    public const int MaxDays = Rules.DriftRuleValidator.MaxWindowDays;

    private readonly DateTimeOffset _asOf;
    private readonly ImmutableArray<Persona> _personas;
    private readonly Dictionary<string, int> _personaIndex;
    private readonly Dictionary<string, int> _contactIndex = new(StringComparer.Ordinal);
    private int _indexed;
    private bool _rowsAdded; // a contact was added by row: its id was not checked for repeats
    private string? _lastContactId;
    private int _lastContact;
    private bool _built;
    private readonly Dictionary<string, int> _industries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _regions = new(StringComparer.OrdinalIgnoreCase);
    private readonly TraitCatalog _traits = new();
    private readonly Column<int> _persona = new();
    private readonly Column<string> _contactIds = new();
    private readonly Column<byte> _recorded = new();
    private readonly Column<int> _offsets = new();
    private readonly Column<int> _traitIds = new();
    private readonly Column<ushort> _profileAge = new();
    private readonly Column<bool> _deepDesire = new();
    private readonly Column<int> _industry = new();
    private readonly Column<int> _region = new();
    private readonly Column<int> _employees = new();
    private readonly Column<ushort> _lastSeen = new();
    private readonly Column<byte> _trust = new();
    private readonly Column<byte> _sources = new();
    private readonly Column<byte> _touchpoints = new();
    private readonly Column<byte> _advocacy = new();
    private readonly List<ulong> _referrals = [];
    private readonly ThemeTaxonomy _themeTaxonomy;
    private readonly Dictionary<string, int> _themeByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _themeByKey = new(StringComparer.Ordinal);
    private readonly List<string> _themeKeys = [];
    private readonly List<int[]> _themeLayerCounts = [];
    // Theme responses and sends as appended (see ThemeEntry): sorted and de-duplicated once at Build.
    private readonly List<ulong> _responses = [];
    private readonly List<ulong> _exposures = [];
    private readonly long[][] _sourceEvents;
    private readonly int[][] _eventsByDay;
    private readonly List<int> _scratch = [];
    private long _orphans;

    /// <summary>Starts a population for these personas, with windows ending on the as-of date; messaging themes are keyed by <paramref name="themes"/> (the shipped theme taxonomy when null).</summary>
    public PopulationBuilder(IEnumerable<Persona> personas, DateTimeOffset asOf, ThemeTaxonomy? themes = null)
    {
        ArgumentNullException.ThrowIfNull(personas);
        _asOf = asOf;
        _themeTaxonomy = themes ?? ThemeTaxonomy.Default;
        _personas = [.. personas];
        _offsets.Add(0);
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

        _sourceEvents = new long[_personas.Length][];
        for (var i = 0; i < _sourceEvents.Length; i++)
        {
            _sourceEvents[i] = new long[SignalSources.Count + 1];
        }
    }

    /// <summary>Number of contacts added so far.</summary>
    public int Count => _persona.Count;

    /// <summary>
    /// Reserves room for this many contacts, so a large population grows its arrays once instead of doubling them
    /// repeatedly: what keeps building from storage near the arrays' own size. Columns with a varying number of entries
    /// per contact (traits, theme responses and sends, referral links) are reserved at the mean of the contacts added so
    /// far, so a caller that reads in parts calls this after the first part (before any contact, 8 traits are assumed
    /// and the others grow as they fill).
    /// </summary>
    public void EnsureCapacity(int contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        contacts = Math.Min(contacts, MaxContacts);
        int Times(double perContact) => (int)Math.Min(Array.MaxLength, Math.Ceiling(contacts * perContact));
        int PerContact(int entries, double assumed) => Times(_persona.Count == 0 ? assumed : (double)entries / _persona.Count);

        _persona.EnsureCapacity(contacts);
        _contactIds.EnsureCapacity(contacts);
        _recorded.EnsureCapacity(contacts);
        _offsets.EnsureCapacity(contacts + 1);
        _traitIds.EnsureCapacity(PerContact(_traitIds.Count, 8));
        _responses.EnsureCapacity(PerContact(_responses.Count, 0));
        _exposures.EnsureCapacity(PerContact(_exposures.Count, 0));
        _referrals.EnsureCapacity(PerContact(_referrals.Count, 0));
        _profileAge.EnsureCapacity(contacts);
        _deepDesire.EnsureCapacity(contacts);
        _industry.EnsureCapacity(contacts);
        _region.EnsureCapacity(contacts);
        _employees.EnsureCapacity(contacts);
        _lastSeen.EnsureCapacity(Times(BehaviourKeys.SlotCount));
        _trust.EnsureCapacity(contacts);
        _sources.EnsureCapacity(contacts);
        _touchpoints.EnsureCapacity(contacts);
        _advocacy.EnsureCapacity(Times(AdvocacyKinds.Count));
    }

    /// <summary>Adds a contact; returns false (and keeps nothing) when it is not tagged with a known persona.</summary>
    /// <exception cref="ArgumentException">The contact id was added before.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(PersonProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!Begin(profile.ContactId, profile.PersonaId, indexed: true, out _))
        {
            return false;
        }

        foreach (var dimension in TraitDimensions.All)
        {
            foreach (var key in profile.Traits[dimension])
            {
                _scratch.Add(_traits.Intern(dimension, key));
            }
        }

        End(profile.HasDeepPersonalDesire, profile.Account.Industry, profile.Account.EmployeeCount, profile.Account.Region, profile.ProfileUpdatedOn, profile.Trust);
        return true;
    }

    /// <summary>
    /// Adds a contact straight from its stored row, without a profile object: the traits of each dimension as one text of
    /// keys joined by <paramref name="separator"/>. Returns the contact's index, or -1 (nothing kept) when it is not
    /// tagged with a known persona. Allocates nothing per contact beyond its share of the population's arrays (a trait
    /// key is copied only the first time it is seen). Rows are unique by their storage key, so ids are not checked
    /// for repeats here (and not indexed until a signal object needs the index).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        End(row.HasDeepDesire, row.Industry, row.Employees, row.Region, row.ProfileUpdatedOn, row.Trust);
        return contact;
    }

    /// <summary>
    /// The id a trait key has in this population's catalog (added when new): a caller that resolves each distinct trait
    /// text once adds contacts by id (<see cref="AddRow(in PersonRow, ReadOnlySpan{int})"/>).
    /// </summary>
    public int TraitId(TraitDimension dimension, string key) => _traits.Intern(dimension, key);

    /// <summary>
    /// As <see cref="AddRow(in PersonRow, char)"/>, with the contact's traits given as distinct ids from <see cref="TraitId"/>
    /// (the row's trait texts are not read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddRow(in PersonRow row, ReadOnlySpan<int> traitIds)
    {
        if (!Begin(row.ContactId, row.PersonaId, indexed: false, out var contact))
        {
            return -1;
        }

        foreach (var id in traitIds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(traitIds));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _traits.Count, nameof(traitIds));
            _scratch.Add(id);
        }

        End(row.HasDeepDesire, row.Industry, row.Employees, row.Region, row.ProfileUpdatedOn, row.Trust);
        return contact;
    }

    /// <summary>Records an added contact's behaviour from its <see cref="BehaviourSummary"/> (as <see cref="AddSignal(BehaviourSignal)"/> does per signal); an unreadable summary adds nothing and returns false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddBehaviour(int contact, ReadOnlySpan<byte> summary)
    {
        ThrowIfBuilt();
        ArgumentOutOfRangeException.ThrowIfNegative(contact);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(contact, _persona.Count);
        if (!BehaviourSummaryView.TryOpen(summary, out var view))
        {
            return false;
        }

        Span<int> themeIds = stackalloc int[view.ThemeCount];
        for (var t = 0; t < themeIds.Length; t++)
        {
            themeIds[t] = ThemeId(view.Theme(t));
        }

        var referral = BehaviourKeys.Slot(BehaviourType.Referral, null);
        var firstResponse = BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.CorporateVision);
        var link = 0;
        for (var i = 0; i < view.Count; i++)
        {
            var entry = view.Entry(i);
            uint? related = null;
            while (link < view.LinkCount && view.Link(link).Entry < i)
            {
                link++; // out of order (a corrupted summary): skipped, never read twice
            }

            if (link < view.LinkCount && view.Link(link).Entry == i)
            {
                related = entry.Slot == referral ? view.Link(link).Hash : null;
                link++;
            }

            var theme = entry.Slot >= firstResponse && entry.Theme < themeIds.Length ? themeIds[entry.Theme] : -1;
            if (entry.Slot < BehaviourKeys.SlotCount)
            {
                Record(contact, entry.Slot, entry.OccurredOn, entry.Source, theme, related);
            }
            else if (entry.Slot == BehaviourKeys.ExposureSlot)
            {
                RecordExposure(contact, DaysBefore(entry.OccurredOn), theme);
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Begin(string contactId, string? personaId, bool indexed, out int contact)
    {
        ThrowIfBuilt();
        contact = -1;
        if (personaId is null || !_personaIndex.TryGetValue(personaId, out var persona))
        {
            return false;
        }

        _rowsAdded |= !indexed;
        if (indexed)
        {
            EnsureIndexed();
            if (!_contactIndex.TryAdd(contactId, _persona.Count))
            {
                throw new ArgumentException("A contact id was added twice.", nameof(contactId));
            }

            _indexed++;
        }

        contact = _persona.Count < MaxContacts
            ? _persona.Count
            : throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A population holds at most {MaxContacts:N0} contacts."));
        _persona.Add(persona);
        _contactIds.Add(contactId);
        _scratch.Clear();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void End(bool hasDeepDesire, string? industry, int? employees, string? region, DateTimeOffset profileUpdatedOn, TrustModes trust)
    {
        _trust.Add((byte)(trust & (TrustModes.PeerReferral | TrustModes.Community | TrustModes.Content | TrustModes.SalesLed)));
        _sources.Add(0);
        _touchpoints.Add(0);
        _advocacy.AddRepeated(0, AdvocacyKinds.Count);

        byte recorded = 0;
        foreach (var id in _scratch)
        {
            recorded |= CompactPopulation.Bit(_traits.DimensionOf(id));
        }

        _recorded.Add(recorded);
        _scratch.Sort();
        _traitIds.AddRange(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_scratch));
        _offsets.Add(_traitIds.Count);
        _profileAge.Add(DaysBefore(profileUpdatedOn));
        _deepDesire.Add(hasDeepDesire);
        _industry.Add(Intern(_industries, industry));
        _region.Add(Intern(_regions, region));
        _employees.Add(employees ?? -1);
        _lastSeen.AddRepeated(CompactPopulation.Never, BehaviourKeys.SlotCount);
    }

    /// <summary>Records a signal of an added contact; returns false when the contact is unknown or the signal is unusable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddSignal(BehaviourSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ThrowIfBuilt();
        var slot = BehaviourKeys.Slot(signal.Type, signal.Layer);
        if (!IndexOf(signal.ContactId, out var contact))
        {
            _orphans++;
            return false;
        }

        if (signal.Type == BehaviourType.MessageSent)
        {
            return RecordExposure(contact, DaysBefore(signal.OccurredOn), ThemeId(signal.Theme));
        }

        if (slot < 0)
        {
            _orphans++;
            return false;
        }

        return AddSignal(contact, signal.Type, signal.Layer, signal.OccurredOn, signal.Theme, signal.Source, signal.RelatedContactId);
    }

    /// <summary>Records a signal of the contact added at <paramref name="contact"/> (the index <see cref="AddRow(in PersonRow, char)"/> returned), without a signal object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddSignal(int contact, BehaviourType type, MessagingLayer? layer, DateTimeOffset occurredOn, string? theme, SignalSource? source, string? relatedContactId)
    {
        ThrowIfBuilt();
        ArgumentOutOfRangeException.ThrowIfNegative(contact);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(contact, _persona.Count);
        if (type == BehaviourType.MessageSent)
        {
            return RecordExposure(contact, DaysBefore(occurredOn), ThemeId(theme));
        }

        var slot = BehaviourKeys.Slot(type, layer);
        if (slot < 0)
        {
            return false;
        }

        var themeId = type == BehaviourType.MessagingResponse ? ThemeId(theme) : -1;
        var related = type == BehaviourType.Referral && !string.IsNullOrWhiteSpace(relatedContactId)
            ? BehaviourSummary.ContactHash(relatedContactId)
            : (uint?)null;
        return Record(contact, slot, occurredOn, source is { } s ? (byte)s : BehaviourSummary.None, themeId, related);
    }

    /// <summary>
    /// The index of an added contact by its id. Signals mostly come grouped by contact (exports and summaries are), and
    /// often in the order the contacts were added, so the last id found and the contact added after it are compared
    /// first, which spares hashing the id (and a look into a large index) for most signals. The contact after the last
    /// one is the index's answer only while ids are known to be unique (every contact added as a profile, whose id is
    /// refused when repeated); after a row, whose id is not checked, the index decides (it keeps an id's first contact).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IndexOf(string contactId, out int contact)
    {
        if (string.Equals(contactId, _lastContactId, StringComparison.Ordinal))
        {
            contact = _lastContact;
            return true;
        }

        var next = _lastContactId is null ? 0 : _lastContact + 1;
        if (!_rowsAdded && next < _indexed && string.Equals(contactId, _contactIds[next], StringComparison.Ordinal))
        {
            (_lastContactId, _lastContact) = (contactId, next);
            contact = next;
            return true;
        }

        EnsureIndexed();
        if (!_contactIndex.TryGetValue(contactId, out contact))
        {
            return false;
        }

        (_lastContactId, _lastContact) = (contactId, contact);
        return true;
    }

    /// <summary>Indexes the contacts added by row since the index was last complete (only the object path needs it).</summary>
    private void EnsureIndexed()
    {
        for (; _indexed < _contactIds.Count; _indexed++)
        {
            _contactIndex.TryAdd(_contactIds[_indexed], _indexed);
        }
    }

    /// <summary>Records one behaviour of an added contact: each family of columns takes what it keeps of it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Record(int contact, int slot, DateTimeOffset occurredOn, byte source, int theme, uint? related)
    {
        var days = DaysBefore(occurredOn);
        if (days == CompactPopulation.Never)
        {
            return false;
        }

        RecordJourney(contact, days, source);
        RecordAdvocacy(contact, slot, days, related);
        RecordTheme(contact, slot, days, theme);
        RecordBehaviour(contact, slot, days);
        return true;
    }

    /// <summary>
    /// Freezes what was added into a population. The builder is spent afterwards (its exactly reserved columns become
    /// the population's arrays without a copy, so it must not change them): adding to it or building again throws.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CompactPopulation Build()
    {
        ThrowIfBuilt();
        _built = true;
        return new CompactPopulation(
            _asOf,
            _personas,
            _traits,
            [.. _industries.OrderBy(p => p.Value).Select(p => p.Key)],
            [.. _regions.OrderBy(p => p.Value).Select(p => p.Key)],
            _persona.Count,
            _contactIds.ToArray(),
            _persona.ToArray(),
            _offsets.ToArray(),
            _traitIds.ToArray(),
            _recorded.ToArray(),
            _profileAge.ToArray(),
            _deepDesire.ToArray(),
            _industry.ToArray(),
            _region.ToArray(),
            _employees.ToArray(),
            _lastSeen.ToArray(),
            _eventsByDay,
            _orphans)
        {
            Trust = _trust.ToArray(),
            Sources = _sources.ToArray(),
            Touchpoints = _touchpoints.ToArray(),
            SourceEvents = _sourceEvents,
            AdvocacyCounts = _advocacy.ToArray(),
            ReferredPeople = ReferredPeople(),
            Themes = [.. _themeKeys],
            ThemeLayers = [.. _themeKeys.Select((key, t) => LayerOf(key, _themeLayerCounts[t]))],
            ThemeResponses = ThemeCsr(_responses),
            ThemeExposures = ThemeCsr(_exposures),
        };
    }

    /// <summary>Builds a population in one call.</summary>
    public static CompactPopulation Build(
        IEnumerable<Persona> personas,
        IEnumerable<PersonProfile> profiles,
        IEnumerable<BehaviourSignal> signals,
        DateTimeOffset asOf,
        ThemeTaxonomy? themes = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(signals);
        var builder = new PopulationBuilder(personas, asOf, themes);
        if (profiles.TryGetNonEnumeratedCount(out var count))
        {
            builder.EnsureCapacity(count);
            builder._contactIndex.EnsureCapacity(count);
        }

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

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has built its population; start a new one to build another.");
        }
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
