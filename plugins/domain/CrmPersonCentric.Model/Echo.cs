using System.Text;

namespace CrmPersonCentric.Model;

/// <summary>
/// A value repeated in an error message, made safe to print: at most a few dozen characters (a 1 MB field stays out of
/// the console), control characters shown as '?', in quotes. Only for values that are not personal data (ids, keys,
/// enum names); a person's trait or desire text is never echoed at all.
/// </summary>
public static class Echo
{
    /// <summary>The longest part of a value that is repeated.</summary>
    public const int MaxLength = 40;

    /// <summary>The value in single quotes, shortened and cleaned.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxLength) + 3).Append('\'');
        foreach (var c in value.Length <= MaxLength ? value : value[..MaxLength])
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return text.Append(value.Length > MaxLength ? "…'" : "'").ToString();
    }

    /// <summary>The names of an enum as the data files write them (camelCase), for "is not one of ..." messages.</summary>
    public static string NamesOf<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
}
