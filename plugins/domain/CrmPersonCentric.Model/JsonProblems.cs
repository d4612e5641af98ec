using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmPersonCentric.Model;

/// <summary>
/// A <see cref="JsonException"/> from reading a file a person edits, in plain words: the line, the field's path and
/// what is wrong ("expected a number", "is not valid JSON: ..."), without .NET type names and without the value.
/// </summary>
public static partial class JsonProblems
{
    /// <summary>What went wrong: the line (1-based) and the JSON path when known, and the message.</summary>
    public static (int? Line, string? Path, string Message) Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var line = exception.LineNumber is { } l ? (int)l + 1 : (int?)null;
        var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? null : exception.Path;
        var message = exception.Message;
        if (ConvertedTo().Match(message) is { Success: true } conversion)
        {
            return (line, path, "has the wrong type: expected " + Expected(conversion.Groups["type"].Value));
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            return (line, path, Echo.Quote(unmapped.Groups["name"].Value) + " is not a field of this file");
        }

        var cut = message.IndexOfAny(['|']);
        var text = (cut >= 0 ? message[..cut] : message).Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();
        return (line, path, "is not valid JSON: " + text);
    }

    /// <summary>What a .NET type the serializer wanted means to a person editing the file.</summary>
    private static string Expected(string typeName)
    {
        if (Generic().Match(typeName) is { Success: true } generic)
        {
            return generic.Groups["outer"].Value.StartsWith("System.Nullable", StringComparison.Ordinal)
                ? Expected(generic.Groups["inner"].Value)
                : "a list in [ ]";
        }

        var name = typeName.TrimEnd(']').TrimEnd('[');
        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            return "a list in [ ]";
        }

        switch (name)
        {
            case "System.Double" or "System.Single" or "System.Decimal":
                return "a number";
            case "System.Int32" or "System.Int64" or "System.Int16" or "System.Byte" or "System.UInt32" or "System.UInt64":
                return "a whole number";
            case "System.String":
                return "text in quotes";
            case "System.Boolean":
                return "true or false";
            case "System.DateTimeOffset" or "System.DateTime":
                return "a date in quotes (" + IsoDates.ExpectedForm + ")";
        }

        return Enums.TryGetValue(name, out var names) ? "one of " + names : "an object in { }";
    }

    /// <summary>The enums the data files hold, by full name, with the names a file may use.</summary>
    private static readonly Dictionary<string, string> Enums = new(StringComparer.Ordinal)
    {
        [typeof(BehaviourType).FullName!] = Echo.NamesOf<BehaviourType>(),
        [typeof(MessagingLayer).FullName!] = Echo.NamesOf<MessagingLayer>(),
        [typeof(SignalSource).FullName!] = Echo.NamesOf<SignalSource>(),
        [typeof(TraitDimension).FullName!] = Echo.NamesOf<TraitDimension>(),
        [typeof(TrustModes).FullName!] = Echo.NamesOf<TrustModes>(),
    };

    [GeneratedRegex(@"could not be converted to (?<type>[^\s.][^\s]*?)\.?(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"^(?<outer>[^`\[]+)`\d+\[(?<inner>.*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Generic();
}
