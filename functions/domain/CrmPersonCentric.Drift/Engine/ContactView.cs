namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// One contact as the single pass hands it to each analyzer: what the engine already worked out (its persona, recorded
/// dimensions, fit and recent activity) and where its traits and behaviour recency lie in the population's arrays.
/// </summary>
internal readonly ref struct ContactView
{
    public ContactView(int contact, int persona, byte recorded, double? fit, bool active, int traitStart, int traitEnd, ReadOnlySpan<ushort> lastSeen)
    {
        Contact = contact;
        Persona = persona;
        Recorded = recorded;
        Fit = fit;
        Active = active;
        TraitStart = traitStart;
        TraitEnd = traitEnd;
        LastSeen = lastSeen;
    }

    /// <summary>Its index in the population.</summary>
    public int Contact { get; }

    /// <summary>Its persona's index.</summary>
    public int Persona { get; }

    /// <summary>Its recorded dimensions (a <see cref="Population.CompactPopulation.RecordedDimensions"/> mask).</summary>
    public byte Recorded { get; }

    /// <summary>Its fit to the persona, when computable.</summary>
    public double? Fit { get; }

    /// <summary>A behaviour signal within the activity window.</summary>
    public bool Active { get; }

    /// <summary>Its trait ids are the population's TraitIds[TraitStart..TraitEnd].</summary>
    public int TraitStart { get; }

    public int TraitEnd { get; }

    /// <summary>Days since it last showed each behaviour slot.</summary>
    public ReadOnlySpan<ushort> LastSeen { get; }
}
