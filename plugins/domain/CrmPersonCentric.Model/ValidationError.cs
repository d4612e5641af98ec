namespace CrmPersonCentric.Model;

/// <summary>One problem with an input: the field (a path such as "traits[2].expectedPrevalence") and why.</summary>
/// <param name="Field">Where the problem is.</param>
/// <param name="Message">Why it is a problem, in words a user can act on.</param>
public sealed record ValidationError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
