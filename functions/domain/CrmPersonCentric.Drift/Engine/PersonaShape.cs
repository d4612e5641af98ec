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
        var none = new double[TraitDimensions.Count];
        Array.Fill(none, 1.0);
        foreach (var trait in persona.Traits)
        {
            var id = population.Traits.Find(trait.Dimension, trait.Key);
            var d = (int)trait.Dimension;
            Weights[id] = trait.ExpectedPrevalence;
            DeclaredMass += trait.ExpectedPrevalence;
            DeclaredMassByDimension[d] += trait.ExpectedPrevalence;
            DeclaredDimensions |= CompactPopulation.Bit(trait.Dimension);
            none[d] *= 1 - trait.ExpectedPrevalence;
        }

        for (var d = 0; d < none.Length; d++)
        {
            ExpectedRecordedShare[d] = (DeclaredDimensions & (1 << d)) == 0 ? 1 : Math.Max(1 - none[d], 1e-6);
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

    /// <summary>Declared prevalence summed per dimension (indexed by <see cref="TraitDimension"/>).</summary>
    public double[] DeclaredMassByDimension { get; } = new double[TraitDimensions.Count];

    /// <summary>The dimensions the persona declares traits in, as a <see cref="CompactPopulation.RecordedDimensions"/> mask.</summary>
    public byte DeclaredDimensions { get; }

    /// <summary>
    /// Per dimension, the share of people who have at least one declared trait of it if the persona's people follow the
    /// declaration with independent traits: 1 − Π(1 − declared prevalence). An empty dimension cannot be told from one
    /// that was never recorded, so the people recorded in a dimension are those with a trait in it; among them a trait
    /// declared at p is expected at p / this share. 1 for a dimension the persona declares nothing in.
    /// </summary>
    public double[] ExpectedRecordedShare { get; } = new double[TraitDimensions.Count];

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
