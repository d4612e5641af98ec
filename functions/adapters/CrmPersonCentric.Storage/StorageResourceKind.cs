namespace CrmPersonCentric.Storage;

/// <summary>The storage service a resource lives in.</summary>
public enum StorageResourceKind
{
    /// <summary>A table of the table service.</summary>
    Table,

    /// <summary>A queue of the queue service.</summary>
    Queue,

    /// <summary>A container of the blob service.</summary>
    Container,
}
