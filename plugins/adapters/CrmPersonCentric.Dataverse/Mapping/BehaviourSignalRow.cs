using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
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

    /// <summary>Problems that keep the row from being a signal, named by logical names.</summary>
    public IEnumerable<ValidationError> Problems()
    {
        if (ContactId is null)
        {
            yield return new ValidationError(T.Contact, "is required: the contact who showed the behaviour");
        }

        if (Type is null)
        {
            yield return new ValidationError(T.Type, "is required and must be one of the behaviour choices");
        }

        if (OccurredOn is null)
        {
            yield return new ValidationError(T.OccurredOn, "is required");
        }

        if (RelatedContactId is not null && Type is { } type && type != BehaviourType.Referral)
        {
            yield return new ValidationError(T.RelatedContact, "applies only to referrals (the contact who was referred)");
        }

        if (RelatedContactId is not null && RelatedContactId == ContactId)
        {
            yield return new ValidationError(T.RelatedContact, "is the referring contact itself");
        }

        if (Type == BehaviourType.MessagingResponse && Layer is null)
        {
            yield return new ValidationError(T.Layer, "is required for messaging responses");
        }
    }

    /// <summary>The row as a signal, or the problems that keep it from being one.</summary>
    public SignalReading ToReading(IMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var problems = Problems().ToImmutableArray();
        return problems.IsEmpty ? new SignalReading(mapper.Map<BehaviourSignal>(this), []) : new SignalReading(null, problems);
    }
}
