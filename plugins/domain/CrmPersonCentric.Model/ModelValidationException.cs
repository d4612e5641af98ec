using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>Thrown when an input cannot be accepted; carries every problem found.</summary>
public sealed class ModelValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ModelValidationException(ImmutableArray<ValidationError> errors)
        : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public ModelValidationException(string field, string message)
        : this([new ValidationError(field, message)])
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public ModelValidationException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message and no field.</summary>
    public ModelValidationException(string message)
        : this("input", message)
    {
    }

    /// <summary>Creates an exception with a message and no field, wrapping a cause.</summary>
    public ModelValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ValidationError("input", message)];
    }

    /// <summary>Every problem found.</summary>
    public ImmutableArray<ValidationError> Errors { get; }
}
