namespace CrmPersonCentric.Application.Ports;

/// <summary>Contacts in the system of record: the person-centric columns in, the computed columns out.</summary>
public interface IContactRecords
{
    /// <summary>Every contact tagged with a persona, page by page.</summary>
    IAsyncEnumerable<ContactRecord> TaggedContactsAsync(CancellationToken cancellationToken = default);

    /// <summary>One contact (tagged or not), or null when it no longer exists.</summary>
    Task<ContactRecord?> FindAsync(Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>The computed columns as the row holds them now, or null when the contact no longer exists.</summary>
    Task<ComputedColumns?> ComputedColumnsAsync(Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>Writes the computed columns (and when they were computed); never creates a contact.</summary>
    Task WriteComputedColumnsAsync(Guid contactId, ComputedColumnsChange change, CancellationToken cancellationToken = default);
}
