namespace CrmPersonCentric.Lake;

/// <summary>A lake export that cannot be read: the message says which file or table and why (never a value).</summary>
public sealed class LakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LakeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
