namespace CrmPersonCentric.Solution.Xml;

/// <summary>A web resource file: its name in Dataverse (cpc_/…) and its content.</summary>
/// <param name="Name">Web resource name, e.g. cpc_/enrichmentpanel/panel.html.</param>
/// <param name="Content">File bytes as stored in the source tree.</param>
internal sealed record WebResourceFile(string Name, byte[] Content)
{
    /// <summary>The entry path in the solution zip.</summary>
    public string ZipPath => "WebResources/" + Name;

    /// <summary>Web resource type: 1 HTML, 2 CSS, 3 JavaScript, 4 XML, 5 PNG, 11 SVG.</summary>
    public int Type => Path.GetExtension(Name).ToUpperInvariant() switch
    {
        ".HTML" or ".HTM" => 1,
        ".CSS" => 2,
        ".JS" => 3,
        ".XML" => 4,
        ".PNG" => 5,
        ".SVG" => 11,
        var other => throw new InvalidDataException($"Web resource '{Name}' has an unsupported extension '{other}'."),
    };
}
