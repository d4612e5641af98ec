namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// Keys the standalone host checks (under the Functions host, the host checks its own). Bound from "Functions:Keys".
/// Keep them in user-secrets or environment variables, never in appsettings.
/// </summary>
public sealed class FunctionKeysOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Functions:Keys";

    /// <summary>The key of authLevel "function" endpoints (the webhook's WebhookKey).</summary>
    public string? Default { get; set; }

    /// <summary>The key of authLevel "admin" endpoints.</summary>
    public string? Master { get; set; }
}
