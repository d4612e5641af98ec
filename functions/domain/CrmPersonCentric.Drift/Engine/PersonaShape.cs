using System.Runtime.CompilerServices;
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
        DeclaredBit = new int[population.Traits.Count];
        foreach (var trait in persona.Traits)
        {
            var id = population.Traits.Find(trait.Dimension, trait.Key);
            var d = (int)trait.Dimension;
            Weights[id] = trait.ExpectedPrevalence;
            DeclaredBit[id] = trait.ExpectedPrevalence > 0 ? 1 << d : 0;
            DeclaredMass += trait.ExpectedPrevalence;
            DeclaredMassByDimension[d] += trait.ExpectedPrevalence;
            DeclaredDimensions |= CompactPopulation.Bit(trait.Dimension);
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

    /// <summary>Per trait id, the bit of its dimension when the persona declares it (0 otherwise), for the hot loop.</summary>
    public int[] DeclaredBit { get; }

    public double DeclaredMass { get; }

    /// <summary>Declared prevalence summed per dimension (indexed by <see cref="TraitDimension"/>).</summary>
    public double[] DeclaredMassByDimension { get; } = new double[TraitDimensions.Count];

    /// <summary>The dimensions the persona declares traits in, as a <see cref="CompactPopulation.RecordedDimensions"/> mask.</summary>
    public byte DeclaredDimensions { get; }

    /// <summary>Null when every industry is allowed.</summary>
    public bool[]? IndustryAllowed { get; }

    /// <summary>Null when every region is allowed.</summary>
    public bool[]? RegionAllowed { get; }

    public int MinEmployees { get; }

    public int MaxEmployees { get; }

    public int ReachedSlot { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
