namespace CrmPersonCentric.Dataverse.Schema;

/// <summary>
/// Translates between our enums and the solution's choice values: option n of a choice is <see cref="Choice.Value"/>(n),
/// where n is the enum's number plus an offset (1 for zero-based enums, 0 for messaging layers 1–4).
/// </summary>
public static class Choices
{
    /// <summary>The choice value of an enum member.</summary>
    public static int From<T>(T value, int offset = 1)
        where T : struct, Enum => Choice.Value(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) + offset);

    /// <summary>The enum member of a choice value, or null when absent or not a defined member.</summary>
    public static T? To<T>(int? value, int offset = 1)
        where T : struct, Enum
    {
        if (Choice.Number(value) is not { } number)
        {
            return null;
        }

        var candidate = (T)Enum.ToObject(typeof(T), number - offset);
        return Enum.IsDefined(candidate) ? candidate : null;
    }

    /// <summary>Revision decisions.</summary>
    public enum Decision
    {
        /// <summary>Suggested by the engine, waiting for a marketing lead.</summary>
        Proposed = 1,

        /// <summary>Accepted: the backend applies it as a new persona version.</summary>
        Accepted = 2,

        /// <summary>Rejected: equivalent suggestions are suppressed for a while.</summary>
        Rejected = 3,

        /// <summary>Applied to the persona.</summary>
        Applied = 4,
    }

    /// <summary>Finding status.</summary>
    public enum FindingStatus
    {
        /// <summary>The drift was seen in the latest run.</summary>
        Open = 1,

        /// <summary>The drift was not seen in a later run.</summary>
        Closed = 2,
    }

    /// <summary>What a finding is: drift to act on, thin data to strengthen, or an opportunity to use.</summary>
    public enum FindingKind
    {
        /// <summary>The persona's people differ from its definition.</summary>
        Drift = 1,

        /// <summary>The evidence is thin: too little of a dimension is recorded.</summary>
        DataQuality = 2,

        /// <summary>Nothing is wrong; something works better than the rest.</summary>
        Opportunity = 3,
    }
}
