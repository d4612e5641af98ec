namespace CrmPersonCentric.Dataverse.Schema;

/// <summary>Choice values of the solution: the publisher's option value prefix (74230) followed by a number.</summary>
public static class Choice
{
    /// <summary>The first option value of the publisher (prefix 74230 × 10,000).</summary>
    public const int Base = 742_300_000;

    /// <summary>The option value of the n-th option.</summary>
    public static int Value(int number) => Base + number;

    /// <summary>The option number of an option value, or null when it is not one of ours.</summary>
    public static int? Number(int? value) => value is { } v && v >= Base && v < Base + 10_000 ? v - Base : null;
}
