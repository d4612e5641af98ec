using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>Localized label elements; the solution ships English (1033) labels only.</summary>
internal static class Labels
{
    /// <summary>The language code of every label.</summary>
    public const string LanguageCode = "1033";

    /// <summary>&lt;container&gt;&lt;item description="text" languagecode="1033" /&gt;&lt;/container&gt;.</summary>
    public static XElement Of(string container, string item, string text) =>
        new(container, new XElement(item, new XAttribute("description", text), new XAttribute("languagecode", LanguageCode)));

    public static XElement DisplayNames(string text) => Of("displaynames", "displayname", text);

    public static XElement Descriptions(string text) => Of("Descriptions", "Description", text);

    /// <summary>A TrueFalse01Type element: 1 or 0.</summary>
    public static XElement Flag(string name, bool value) => new(name, value ? "1" : "0");

    /// <summary>A TrueFalseType element: True or False (HasRelatedNotes, HasRelatedActivities).</summary>
    public static XElement TrueFalse(string name, bool value) => new(name, value ? "True" : "False");
}
