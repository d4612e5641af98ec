using System.Globalization;
using System.Xml.Linq;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;WebResource&gt; element of a web resource file.</summary>
internal static class WebResourceXml
{
    public static XElement For(WebResourceFile file) =>
        new("WebResource",
            new XElement("WebResourceId", StableId.Braced(StableId.For("webresource", file.Name))),
            new XElement("Name", file.Name),
            new XElement("DisplayName", file.Name),
            new XElement("WebResourceType", file.Type.ToString(CultureInfo.InvariantCulture)),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsEnabledForMobileClient", false),
            Flag("IsAvailableForMobileOffline", false),
            Flag("IsCustomizable", true),
            Flag("CanBeDeleted", true),
            Flag("IsHidden", false),
            new XElement("FileName", "/" + file.ZipPath));
}
