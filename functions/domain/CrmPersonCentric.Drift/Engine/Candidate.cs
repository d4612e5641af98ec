using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>A possible finding waiting for the run's q-values.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Persona">The persona.</param>
/// <param name="Dimension">The dimension, for trait metrics.</param>
/// <param name="Subject">Trait or behaviour key.</param>
/// <param name="SubjectLabel">Readable subject.</param>
/// <param name="Evidence">The numbers (q-value filled in later).</param>
/// <param name="Effect">The effect compared with the rule's thresholds.</param>
/// <param name="MeetsThreshold">True when the effect passes the rule's threshold.</param>
/// <param name="TestIndex">The registered test, or -1 for descriptive metrics.</param>
/// <param name="Insufficient">True when the sample is below the rule's minimum.</param>
/// <param name="DataQuality">True for a data-quality measure (profile coverage): a finding says the evidence is thin, never drift.</param>
/// <param name="Opportunity">True for a lever to act on (a theme that lands, concentrated advocacy): a finding is an opportunity, never drift.</param>
internal sealed record Candidate(
    DriftRule Rule,
    Persona Persona,
    TraitDimension? Dimension,
    string? Subject,
    string? SubjectLabel,
    Evidence Evidence,
    double Effect,
    bool MeetsThreshold,
    int TestIndex,
    bool Insufficient = false,
    bool DataQuality = false,
    bool Opportunity = false);
