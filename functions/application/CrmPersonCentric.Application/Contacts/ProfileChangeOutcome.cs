namespace CrmPersonCentric.Application.Contacts;

/// <summary>What handling a profile change did.</summary>
public enum ProfileChangeOutcome
{
    /// <summary>A newer or an erased version is stored: nothing changed.</summary>
    Older,

    /// <summary>The contact no longer exists.</summary>
    Gone,

    /// <summary>The snapshot is stored (or was already); the computed columns were already right.</summary>
    UpToDate,

    /// <summary>The snapshot is stored; computed columns were written back.</summary>
    WroteBack,

    /// <summary>The snapshot is stored; the depth guard kept the write-back from happening.</summary>
    DepthGuarded,
}
