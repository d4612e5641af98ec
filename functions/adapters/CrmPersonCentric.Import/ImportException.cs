using System.Collections.Immutable;

namespace CrmPersonCentric.Import;

/// <summary>Thrown when a data directory cannot be imported; carries every problem found (up to a limit).</summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ImportException(ImmutableArray<ImportError> errors)
        : base(errors.Length == 1 ? errors[0].ToString() : $"{errors.Length} problems in the data: " + string.Join("; ", errors.Take(5)))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception without details.</summary>
    public ImportException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message about no particular file.</summary>
    public ImportException(string message)
        : this([new ImportError("(data)", null, null, message)])
    {
    }

    /// <summary>Creates an exception with a message about no particular file, wrapping a cause.</summary>
    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ImportError("(data)", null, null, message)];
    }

    /// <summary>Every problem found.</summary>
    public ImmutableArray<ImportError> Errors { get; }
}
