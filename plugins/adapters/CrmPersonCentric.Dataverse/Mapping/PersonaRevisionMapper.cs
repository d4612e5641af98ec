using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using PersonaRevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>A cpc_personarevision row (Web API or webhook image) as a <see cref="PersonaRevisionRecord"/>.</summary>
public static class PersonaRevisionMapper
{
    /// <summary>Reads the revision.</summary>
    public static PersonaRevisionRecord Read(Guid revisionId, IRowSource row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PersonaRevisionRecord(
            revisionId,
            row.GetString(PersonaRevisionTable.Key),
            row.GetLookupId(PersonaRevisionTable.Persona),
            Choices.To<SuggestionType>(row.GetOption(PersonaRevisionTable.Type)),
            Choices.To<TraitDimension>(row.GetOption(PersonaRevisionTable.Dimension)),
            row.GetString(PersonaRevisionTable.Subject),
            (double?)row.GetDecimal(PersonaRevisionTable.ProposedValue),
            [.. (row.GetString(PersonaRevisionTable.Details) ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
    }

    /// <summary>The decision the row holds, or null when undecided or not one of ours.</summary>
    public static RevisionDecision? Decision(IRowSource row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Choices.To<Choices.Decision>(row.GetOption(PersonaRevisionTable.Decision), offset: 0) switch
        {
            Choices.Decision.Proposed => RevisionDecision.Proposed,
            Choices.Decision.Accepted => RevisionDecision.Accepted,
            Choices.Decision.Rejected => RevisionDecision.Rejected,
            Choices.Decision.Applied => RevisionDecision.Applied,
            _ => null,
        };
    }
}
