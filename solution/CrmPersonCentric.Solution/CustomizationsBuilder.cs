using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Solution.Controls;
using CrmPersonCentric.Solution.Schema;
using CrmPersonCentric.Solution.Xml;

namespace CrmPersonCentric.Solution;

/// <summary>Fills the generated containers of the customizations.xml source from code and the built code components.</summary>
internal static class CustomizationsBuilder
{
    private static readonly XName Generated = "generated";

    public static XDocument Build(XDocument source, IReadOnlyList<CodeComponent> components)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = new XDocument(source);
        var root = document.Root ?? throw new InvalidDataException("customizations.xml has no root element.");
        FormXml.CheckComponentBindings(components);
        Fill(root, "Entities", SolutionSchema.All.Select(EntityXml.For));
        Fill(root, "Roles", SecurityRoles.All.Select(RoleXml.For));
        Fill(root, "EntityRelationships", RelationshipXml.For(SolutionSchema.All));
        Fill(root, "optionsets", SolutionChoices.All.Select(OptionSetXml.For));
        Fill(root, "CustomControls", components.Select(c => new XElement("CustomControl", new XElement("Name", c.Name), new XElement("FileName", c.ManifestPath))));
        Fill(root, "SdkMessageProcessingSteps", StepCatalog.Packaged.Select(StepXml.Step));
        Fill(root, "ServiceEndpoints", [StepXml.Endpoint()]);
        Fill(root, "AppModuleSiteMaps", [AppXml.SiteMap()]);
        Fill(root, "AppModules", [AppXml.AppModule()]);
        return document;
    }

    private static void Fill(XElement root, string container, IEnumerable<XElement> content)
    {
        var element = root.Element(container);
        if (element?.Attribute(Generated)?.Value != "true")
        {
            throw new InvalidDataException($"customizations.xml needs an empty <{container} generated=\"true\" /> element for the packer to fill.");
        }

        element.Attribute(Generated)!.Remove();
        element.Add(content);
    }
}
