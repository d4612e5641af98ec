using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;optionset&gt; element of a global choice.</summary>
internal static class OptionSetXml
{
    public static XElement For(ChoiceDefinition choice) =>
        new("optionset", new XAttribute("Name", choice.Name), new XAttribute("localizedName", choice.DisplayName),
            new XElement("OptionSetType", "picklist"),
            Flag("IsGlobal", true),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsCustomizable", true),
            DisplayNames(choice.DisplayName),
            Descriptions(choice.DisplayName),
            new XElement("options", choice.Options.Select(o =>
                new XElement("option", new XAttribute("value", o.Value.ToString(CultureInfo.InvariantCulture)),
                    Of("labels", "label", o.Label)))));
}
