namespace CrmPersonCentric.Dataverse.Registration;

/// <summary>What registration does to a component.</summary>
public enum RegistrationActionKind
{
    /// <summary>It does not exist yet.</summary>
    Create,

    /// <summary>It exists with other values.</summary>
    Update,

    /// <summary>It already matches.</summary>
    Unchanged,

    /// <summary>It is removed (unregistration).</summary>
    Delete,

    /// <summary>Unregistration found nothing to remove.</summary>
    Absent,
}
