namespace CrmPersonCentric.Model.Fit;

/// <summary>
/// How well a person's traits fit a persona's declared traits, in [0, 1]: the mean of a prevalence-weighted
/// recall (how much of the persona's expected trait mass the person shows) and the precision (which share of
/// the person's traits the persona declares at all). Only the dimensions the person has recorded count: an empty
/// dimension means "not recorded", so its declared traits are neither matched nor missed.
/// </summary>
public static class PersonaFit
{
    /// <summary>Below this fit a person counts as a poor fit unless a rule sets another cut-off.</summary>
    public const double DefaultPoorFitCutoff = 0.3;

    /// <summary>
    /// The fit of the person to the persona, or null when the person has nothing recorded or the persona declares
    /// nothing in the dimensions the person has recorded (unknown, not poor).
    /// </summary>
    public static double? Compute(Persona persona, TraitSet traits)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(traits);
        double declaredMass = 0;
        double matchedMass = 0;
        var matched = 0;
        foreach (var trait in persona.Traits)
        {
            if (traits[trait.Dimension].IsDefaultOrEmpty)
            {
                continue;
            }

            declaredMass += trait.ExpectedPrevalence;
            if (traits.Contains(trait.Dimension, trait.Key))
            {
                matchedMass += trait.ExpectedPrevalence;
                matched++;
            }
        }

        return Combine(matchedMass, declaredMass, matched, traits.Count);
    }

    /// <summary>
    /// The fit formula on pre-computed parts (used by the drift engine's compact representation so that both
    /// paths compute the same number).
    /// </summary>
    /// <param name="matchedMass">Sum of expected prevalence over declared traits the person has.</param>
    /// <param name="declaredMass">Sum of expected prevalence over the declared traits of the dimensions the person has recorded.</param>
    /// <param name="matchedCount">How many of the person's traits are declared.</param>
    /// <param name="personTraitCount">How many traits the person has.</param>
    public static double? Combine(double matchedMass, double declaredMass, int matchedCount, int personTraitCount)
    {
        if (declaredMass <= 0 || personTraitCount <= 0)
        {
            return null;
        }

        var recall = matchedMass / declaredMass;
        var precision = (double)matchedCount / personTraitCount;
        return Math.Clamp((recall + precision) / 2, 0, 1);
    }
}
