using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>A persona's definition laid out over the population's interned ids, for the hot loop.</summary>
internal sealed class PersonaShape
{
    public PersonaShape(Persona persona, CompactPopulation population)
    {
        Persona = persona;
        Weights = new double[population.Traits.Count];
        foreach (var trait in persona.Traits)
        {
            var id = population.Traits.Find(trait.Dimension, trait.Key);
            Weights[id] = trait.ExpectedPrevalence;
            DeclaredMass += trait.ExpectedPrevalence;
        }

        IndustryAllowed = Allowed(persona.Icp.Industries, population.Industries);
        RegionAllowed = Allowed(persona.Icp.Regions, population.Regions);
        MinEmployees = persona.Icp.MinEmployees ?? int.MinValue;
        MaxEmployees = persona.Icp.MaxEmployees ?? int.MaxValue;
        ReachedSlot = BehaviourKeys.Slot(BehaviourType.MessagingResponse, persona.Messaging.ReachedLayer);
    }

    public Persona Persona { get; }

    /// <summary>Declared prevalence by trait id (0 when undeclared).</summary>
    public double[] Weights { get; }

    public double DeclaredMass { get; }

    /// <summary>Null when every industry is allowed.</summary>
    public bool[]? IndustryAllowed { get; }

    /// <summary>Null when every region is allowed.</summary>
    public bool[]? RegionAllowed { get; }

    public int MinEmployees { get; }

    public int MaxEmployees { get; }

    public int ReachedSlot { get; }

    public bool IsOutsideIcp(int industry, int region, int employees) =>
        (IndustryAllowed is not null && industry >= 0 && !IndustryAllowed[industry])
        || (RegionAllowed is not null && region >= 0 && !RegionAllowed[region])
        || (employees >= 0 && (employees < MinEmployees || employees > MaxEmployees));

    private static bool[]? Allowed(System.Collections.Immutable.ImmutableArray<string> accepted, IReadOnlyList<string> names)
    {
        if (accepted.IsDefaultOrEmpty)
        {
            return null;
        }

        var set = new HashSet<string>(accepted, StringComparer.OrdinalIgnoreCase);
        var allowed = new bool[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            allowed[i] = set.Contains(names[i]);
        }

        return allowed;
    }
}
