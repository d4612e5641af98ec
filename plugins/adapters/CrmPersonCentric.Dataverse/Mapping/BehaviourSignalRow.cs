using AutoMapper;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Signals;
using T = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

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
            Id = row.GetString(T.ExternalId) ?? id.ToString("D"),
            ContactId = row.GetLookupId(T.Contact)?.ToString("D"),
            Type = Choices.To<BehaviourType>(row.GetOption(T.Type)),
            OccurredOn = row.GetDate(T.OccurredOn),
            Theme = row.GetString(T.Theme),
            Layer = Choices.To<MessagingLayer>(row.GetOption(T.Layer), offset: 0),
            Source = Choices.To<SignalSource>(row.GetOption(T.Source)),
            RelatedContactId = row.GetLookupId(T.RelatedContact)?.ToString("D"),
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
        SignalField.SignalId => T.ExternalId,
        SignalField.ContactId => T.Contact,
        SignalField.Type => T.Type,
        SignalField.OccurredOn => T.OccurredOn,
        SignalField.Theme => T.Theme,
        SignalField.Layer => T.Layer,
        SignalField.Source => T.Source,
        SignalField.RelatedContactId => T.RelatedContact,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
