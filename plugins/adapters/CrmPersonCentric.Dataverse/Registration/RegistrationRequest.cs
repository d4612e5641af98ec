namespace CrmPersonCentric.Dataverse.Registration;

/// <summary>What to register.</summary>
/// <param name="EndpointName">The webhook service endpoint's name.</param>
/// <param name="WebhookUrl">The Functions webhook URL (HTTPS, port 443).</param>
/// <param name="WebhookKey">The Functions key Dataverse sends as ?code= (WebhookKey authentication); null keeps the registered one.</param>
public sealed record RegistrationRequest(string EndpointName, Uri WebhookUrl, string? WebhookKey)
{
    /// <summary>The endpoint name used when none is given.</summary>
    public const string DefaultEndpointName = "CrmPersonCentric webhook";
}
