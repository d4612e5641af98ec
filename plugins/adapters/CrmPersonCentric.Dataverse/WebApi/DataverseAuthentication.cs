namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>How the Web API client gets its token.</summary>
public enum DataverseAuthentication
{
    /// <summary>The Function App's managed identity (system-assigned, or user-assigned with ClientId).</summary>
    ManagedIdentity,

    /// <summary>An app registration's client id and secret.</summary>
    ClientSecret,

    /// <summary>A developer's sign-in: Azure CLI, Visual Studio, environment variables.</summary>
    Developer,
}
