using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>Helpers for <see cref="SignalSource"/>: the fixed list, field names and parsing of what exports send.</summary>
public static class SignalSources
{
    /// <summary>Number of sources.</summary>
    public const int Count = 6;

    /// <summary>Every source, in enum order.</summary>
    public static ImmutableArray<SignalSource> All { get; } = [.. Enum.GetValues<SignalSource>()];

    /// <summary>The camelCase name used in files and APIs ("customerSuccess").</summary>
    public static string ToFieldName(this SignalSource source) => source switch
    {
        SignalSource.CustomerSuccess => "customerSuccess",
        _ => source.ToString().ToLowerInvariant(),
    };

    /// <summary>A label a marketing lead reads.</summary>
    public static string DisplayName(this SignalSource source) => source switch
    {
        SignalSource.CustomerSuccess => "Customer success",
        _ => source.ToString(),
    };

    /// <summary>
    /// Parses a source as exports write it: the field name in any case, with spaces, hyphens or underscores
    /// ("Customer Success", "customer-success", "CUSTOMERSUCCESS"). Numbers are not accepted (they would hide a wrong column).
    /// </summary>
    public static bool TryParse(string? text, out SignalSource source)
    {
        source = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return LetterFolding.TryParse(text, out source) && Enum.IsDefined(source);
    }

    /// <summary>The accepted values, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(s => s.ToFieldName()));
}
