using System.Security.Cryptography;
using System.Text;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Reports.View;

/// <summary>
/// Links into the model-driven app, in its documented URL forms: a record's form
/// (<c>main.aspx?appid=…&amp;pagetype=entityrecord&amp;etn=…&amp;id=…</c>) and a system view
/// (<c>main.aspx?appid=…&amp;pagetype=entitylist&amp;etn=…&amp;viewid=…&amp;viewtype=1039</c>). The app's URLs take no filter, so
/// the working views open sorted by persona; a persona's people are the rows under its name.
/// </summary>
public sealed class ActLinks(ReportLinks links)
{
    /// <summary>The contact view of the enrichment worklists, as the solution names it.</summary>
    public const string EnrichmentView = "Contacts to enrich";

    /// <summary>The contact view of the advocates and connectors, as the solution names it.</summary>
    public const string AdvocatesView = "Advocates and connectors";

    /// <summary>True when links into Dataverse can be made.</summary>
    public bool CanAct => links.Environment is not null;

    /// <summary>A persona's form, when its id is a row id.</summary>
    public string? Persona(string personaId) => Guid.TryParse(personaId, out var id) ? Record("cpc_persona", id) : null;

    /// <summary>A suggested revision's row, to accept or reject it.</summary>
    public string? Revision(Guid? rowId) => rowId is { } id ? Record("cpc_personarevision", id) : null;

    /// <summary>One of the solution's contact views.</summary>
    public string? ContactView(string viewName) => Page($"pagetype=entitylist&etn=contact&viewid={ViewId("contact", viewName):D}&viewtype=1039");

    /// <summary>The id the solution gives one of its views (the solution packer derives it the same way from the table and the view's name).</summary>
    public static Guid ViewId(string table, string viewName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("CrmPersonCentric/savedquery/" + table + "/" + viewName));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The full report beside a digest: under the published reports' URL when known, else the file beside it.</summary>
    public static string? FullReport(ReportLinks links, string? folder, string fileName, bool besideIt)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.ReportUrl is { } root)
        {
            // The path under the root; a query (a storage access token, say) stays at the end.
            var path = (folder is null ? string.Empty : Uri.EscapeDataString(folder) + "/") + Uri.EscapeDataString(fileName);
            var basePath = root.GetLeftPart(UriPartial.Path);
            return (basePath.EndsWith('/') ? basePath : basePath + "/") + path + root.Query;
        }

        return besideIt ? fileName : null;
    }

    private string? Record(string table, Guid id) => Page($"pagetype=entityrecord&etn={table}&id={id:D}");

    private string? Page(string query) => links.Environment is { } environment
        ? $"{environment.GetLeftPart(UriPartial.Authority)}/main.aspx?{(links.AppId is { } app ? $"appid={app:D}&" : string.Empty)}{query}"
        : null;
}
