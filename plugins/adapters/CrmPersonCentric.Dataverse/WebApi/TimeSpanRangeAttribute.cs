using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>
/// A <see cref="TimeSpan"/> setting must lie between two bounds (inclusive). Unlike <c>[Range(typeof(TimeSpan), …)]</c>
/// it needs no reflection, so options validation also works in the Native AOT Functions app.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    /// <summary>The lower bound, as c-format text ("00:00:01").</summary>
    public string Minimum { get; } = minimum;

    /// <summary>The upper bound, as c-format text.</summary>
    public string Maximum { get; } = maximum;

    /// <inheritdoc />
    public override bool IsValid(object? value) =>
        value is not TimeSpan span || (span >= TimeSpan.Parse(Minimum, CultureInfo.InvariantCulture) && span <= TimeSpan.Parse(Maximum, CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"The field {name} must be between {Minimum} and {Maximum}.");
}
