using Azure.Core;
using Azure.Identity;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>Creates the token credential the options ask for.</summary>
public static class DataverseCredentialFactory
{
    /// <summary>The credential for the configured authentication mode.</summary>
    /// <exception cref="InvalidOperationException">A setting the mode needs is missing; the message names it.</exception>
    public static TokenCredential Create(DataverseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Authentication switch
        {
            DataverseAuthentication.ManagedIdentity => string.IsNullOrWhiteSpace(options.ClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId)),
            DataverseAuthentication.ClientSecret => new ClientSecretCredential(
                Required(options.TenantId, "Dataverse:TenantId"),
                Required(options.ClientId, "Dataverse:ClientId"),
                Required(options.ClientSecret, "Dataverse:ClientSecret")),
            DataverseAuthentication.Developer => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ExcludeManagedIdentityCredential = true }),
            _ => throw new InvalidOperationException($"Dataverse:Authentication '{options.Authentication}' is not one of ManagedIdentity, ClientSecret, Developer."),
        };
    }

    private static string Required(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"{setting} is required when Dataverse:Authentication is ClientSecret.") : value;
}
