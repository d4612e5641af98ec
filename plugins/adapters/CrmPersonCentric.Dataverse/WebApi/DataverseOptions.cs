using System.ComponentModel.DataAnnotations;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>How to reach a Dataverse environment. Bound from configuration section "Dataverse".</summary>
public sealed class DataverseOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Dataverse";

    /// <summary>The environment URL, e.g. https://contoso.crm.dynamics.com.</summary>
    [Required]
    [Url]
    public string EnvironmentUrl { get; set; } = string.Empty;

    /// <summary>How to get a token: ManagedIdentity (in Azure), ClientSecret, or Developer (Azure CLI / Visual Studio / environment).</summary>
    public DataverseAuthentication Authentication { get; set; } = DataverseAuthentication.ManagedIdentity;

    /// <summary>Tenant id, for ClientSecret.</summary>
    public string? TenantId { get; set; }

    /// <summary>Application (client) id: for ClientSecret, or a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret, for ClientSecret; keep it in Key Vault or user-secrets, never in a settings file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Web API version.</summary>
    [RegularExpression(@"^v\d+\.\d+$")]
    public string ApiVersion { get; set; } = "v9.2";

    /// <summary>Timeout of one HTTP attempt.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after a 429, 502, 503, 504 or timeout.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>Base delay of the exponential back-off when the service gives no Retry-After.</summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent requests; the documented service protection limit is 52 per user.</summary>
    [Range(1, 52)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Rows per page when paging queries (Prefer: odata.maxpagesize).</summary>
    [Range(1, 5000)]
    public int PageSize { get; set; } = 500;

    /// <summary>How long the trait taxonomy read from Dataverse is used before it is read again (a synonym added there maps within this time).</summary>
    public TimeSpan TaxonomyRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The Web API base address: {environment}/api/data/{version}/.</summary>
    public Uri BaseAddress => new(EnvironmentUrl.TrimEnd('/') + "/api/data/" + ApiVersion + "/");

    /// <summary>The OAuth scope: {environment}/.default.</summary>
    public string Scope => EnvironmentUrl.TrimEnd('/') + "/.default";
}
