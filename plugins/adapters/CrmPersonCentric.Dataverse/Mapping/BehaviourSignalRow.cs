using AutoMapper;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Signals;
using BehaviourSignalTable = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>The columns of a cpc_behavioursignal row, typed.</summary>
public sealed class BehaviourSignalRow
{
    /// <summary>The row id (or the external id, when the row came from ingestion).</summary>
    public string? Id { get; set; }

    /// <summary>cpc_contactid.</summary>
    public string? ContactId { get; set; }

    /// <summary>cpc_type.</summary>
    public BehaviourType? Type { get; set; }

    /// <summary>cpc_occurredon.</summary>
    public DateTimeOffset? OccurredOn { get; set; }

    /// <summary>cpc_theme.</summary>
    public string? Theme { get; set; }

    /// <summary>cpc_layer.</summary>
    public MessagingLayer? Layer { get; set; }

    /// <summary>cpc_source: the function that recorded the signal.</summary>
    public SignalSource? Source { get; set; }

    /// <summary>cpc_relatedcontactid: for a referral, the contact referred.</summary>
    public string? RelatedContactId { get; set; }

    /// <summary>Reads the columns of a row whose id is known.</summary>
    public static BehaviourSignalRow From(IRowSource row, Guid id)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new BehaviourSignalRow
        {
            Id = row.GetString(BehaviourSignalTable.ExternalId) ?? id.ToString("D"),
            ContactId = row.GetLookupId(BehaviourSignalTable.Contact)?.ToString("D"),
            Type = Choices.To<BehaviourType>(row.GetOption(BehaviourSignalTable.Type)),
            OccurredOn = row.GetDate(BehaviourSignalTable.OccurredOn),
            Theme = row.GetString(BehaviourSignalTable.Theme),
            Layer = Choices.To<MessagingLayer>(row.GetOption(BehaviourSignalTable.Layer), offset: 0),
            Source = Choices.To<SignalSource>(row.GetOption(BehaviourSignalTable.Source)),
            RelatedContactId = row.GetLookupId(BehaviourSignalTable.RelatedContact)?.ToString("D"),
        };
    }

    /// <summary>The row as the signal validator's input.</summary>
    public SignalInput ToInput(IMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper.Map<SignalInput>(this);
    }

    /// <summary>The column a signal's field comes from (problems are named by it).</summary>
    public static string ColumnOf(SignalField field) => field switch
    {
        SignalField.SignalId => BehaviourSignalTable.ExternalId,
        SignalField.ContactId => BehaviourSignalTable.Contact,
        SignalField.Type => BehaviourSignalTable.Type,
        SignalField.OccurredOn => BehaviourSignalTable.OccurredOn,
        SignalField.Theme => BehaviourSignalTable.Theme,
        SignalField.Layer => BehaviourSignalTable.Layer,
        SignalField.Source => BehaviourSignalTable.Source,
        SignalField.RelatedContactId => BehaviourSignalTable.RelatedContact,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
