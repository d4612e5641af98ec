using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Model.Depth;

/// <summary>
/// The persona depth check: a sterile persona ("loves innovation and efficiency") is quick to write and useless to sell
/// to. It flags a persona with no core fears, no aspirations, messaging that stops at layer 2 without a deep personal
/// desire, traits the taxonomy marks as generic buzzwords, too little evidence, or no revision for long while drift is
/// open. It warns, never blocks: every item says what to do.
/// </summary>
public static class PersonaDepth
{
    /// <summary>Fewest tagged people with recorded traits before the persona counts as evidenced (the rules' usual minimum sample).</summary>
    public const int MinimumEvidence = 30;

    /// <summary>Days without a revision after which open drift makes the persona stale.</summary>
    public const int StaleAfterDays = 180;

    /// <summary>Checks the definition and, when an evaluation supplies it, the evidence.</summary>
    public static ImmutableArray<DepthIssue> Check(Persona persona, TraitTaxonomy taxonomy, DepthEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var issues = ImmutableArray.CreateBuilder<DepthIssue>();
        if (!persona.TraitsIn(TraitDimension.CoreFear).Any())
        {
            issues.Add(new("no-core-fears", "No core fears are declared.",
                "Ask five of its customers what they are afraid of getting wrong in this decision and declare the fears that recur, with how common each is."));
        }

        if (!persona.TraitsIn(TraitDimension.Aspiration).Any())
        {
            issues.Add(new("no-aspirations", "No aspirations are declared.",
                "Declare what its people want to achieve or become, in their words, with how common each is."));
        }

        if (persona.Messaging.ReachedLayer <= MessagingLayer.DepartmentMission && string.IsNullOrWhiteSpace(persona.Messaging.DeepPersonalDesire))
        {
            issues.Add(new("shallow-messaging",
                Invariant($"Messaging stops at layer {(int)persona.Messaging.ReachedLayer} and no deep personal desire (layer 4) is defined."),
                "Define the deep personal desire the messaging should speak to, then write at least one layer-3 or layer-4 theme for it."));
        }

        var generic = persona.Traits
            .Where(t => taxonomy.FindByKey(t.Dimension, t.Key)?.Generic == true)
            .Select(t => taxonomy.LabelOf(t.Dimension, t.Key))
            .ToList();
        if (generic.Count > 0)
        {
            issues.Add(new("generic-traits",
                Invariant($"{generic.Count} declared trait{(generic.Count == 1 ? " is a" : "s are")} generic: {string.Join(", ", generic)}. Almost anyone would say so; it does not tell this persona apart."),
                "Replace each with the specific fear or aspiration behind it, as the persona's people put it (e.g. not \"efficiency\" but \"no more month-end spreadsheet nights\")."));
        }

        if (evidence is not null)
        {
            if (evidence.PeopleWithTraits < MinimumEvidence)
            {
                issues.Add(new("no-evidence",
                    Invariant($"Only {evidence.PeopleWithTraits} tagged {(evidence.PeopleWithTraits == 1 ? "person has" : "people have")} any trait recorded (at least {MinimumEvidence} are needed before the definition can be checked against real people)."),
                    "Tag the people this persona is for and record their fears and aspirations: the 'Contacts to enrich' view lists where to start."));
            }

            if (evidence.OpenDrift > 0 && (persona.RevisedOn is not { } revised || (evidence.AsOf - revised).TotalDays > StaleAfterDays))
            {
                var since = persona.RevisedOn is { } r
                    ? Invariant($"has not been revised for {(int)(evidence.AsOf - r).TotalDays} days")
                    : "has no recorded revision";
                issues.Add(new("stale-while-drifting",
                    Invariant($"The persona {since} while {evidence.OpenDrift} drift finding{(evidence.OpenDrift == 1 ? " is" : "s are")} open."),
                    "Review the open findings and accept or reject their suggested revisions."));
            }
        }

        return issues.ToImmutable();
    }

    /// <summary>The check as the persona form shows it: one line per item with what to do; a short all-clear when there is none.</summary>
    public static string Format(IReadOnlyCollection<DepthIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return issues.Count == 0
            ? "No depth issues: fears, aspirations, messaging depth and evidence are in place."
            : string.Join("\n", issues.Select(i => $"• {i.Message} What to do: {i.Action}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
