using System.Collections.Immutable;

namespace CrmPersonCentric.Model.Fit;

/// <summary>
/// A person's messaging ladder: corporate vision → department mission → job-role KRA (from the persona) →
/// the person's own deep personal desire (layer 4), marking how far the persona's messaging reaches.
/// </summary>
/// <param name="Rungs">Four rungs, layer 1 first.</param>
public sealed record MessagingLadder(ImmutableArray<LadderRung> Rungs)
{
    /// <summary>
    /// True when the person has told us their deep desire but the persona's messaging stops short of layer 4:
    /// the conversation the sales user can have goes deeper than marketing's.
    /// </summary>
    public bool HasLayer4Gap => Rungs[3].Message is not null && !Rungs[3].ReachedByPersona;

    /// <summary>Builds the ladder of a person under a persona.</summary>
    public static MessagingLadder For(Persona persona, PersonProfile person)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(person);
        var reached = persona.Messaging.ReachedLayer;
        var rungs = ImmutableArray.CreateBuilder<LadderRung>(4);
        foreach (var layer in new[] { MessagingLayer.CorporateVision, MessagingLayer.DepartmentMission, MessagingLayer.JobRoleKra })
        {
            rungs.Add(new LadderRung(layer, Blank(persona.Messaging.For(layer)), layer <= reached, IsPersonal: false));
        }

        rungs.Add(new LadderRung(
            MessagingLayer.DeepPersonalDesire,
            Blank(person.DeepPersonalDesire),
            reached == MessagingLayer.DeepPersonalDesire,
            IsPersonal: true));
        return new MessagingLadder(rungs.MoveToImmutable());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
