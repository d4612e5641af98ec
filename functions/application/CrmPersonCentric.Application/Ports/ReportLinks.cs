namespace CrmPersonCentric.Application.Ports;

/// <summary>
/// Where a report's links lead: the Dataverse environment and model-driven app people act in (each suggestion's revision
/// row, each persona's form, the working views), and where the full reports are published (the e-mail digest links there).
/// Each part is optional; a report without it shows no such links.
/// </summary>
/// <param name="Environment">The Dataverse environment URL (https://contoso.crm.dynamics.com).</param>
/// <param name="AppId">The Persona Studio app's id, so links open in that app.</param>
/// <param name="ReportUrl">The base URL the archived reports are served from (the digest links to the full report under it).</param>
public sealed record ReportLinks(Uri? Environment, Guid? AppId, Uri? ReportUrl)
{
    /// <summary>No links.</summary>
    public static ReportLinks None { get; } = new(null, null, null);
}
