using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// Resolves app-setting binding expressions (<c>%Name%</c>, anywhere in the text) from configuration, as the Functions
/// host resolves them from its app settings: a setting that is not configured fails with its name.
/// </summary>
public static partial class AppSettingExpression
{
    /// <summary>The text with every %Name% replaced by the setting's value.</summary>
    /// <exception cref="InvalidOperationException">A named setting is not configured.</exception>
    public static string Resolve(string expression, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(configuration);
        return Setting().Replace(expression, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"The app setting '{name}' (used as %{name}% by a trigger) is not configured.");
        });
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Setting();
}
