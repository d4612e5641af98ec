using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Solution.Controls;
using CrmPersonCentric.Solution.Schema;
using CrmPersonCentric.Solution.Xml;

namespace CrmPersonCentric.Solution;

/// <summary>Completes solution.xml: the Managed flag and one root component per packed component.</summary>
internal static class SolutionManifest
{
    // Root component types (solutioncomponent.componenttype).
    private const int Entity = 1;
    private const int OptionSet = 9;
    private const int Role = 20;
    private const int Step = 92;
    private const int ServiceEndpoint = 95;
    private const int SiteMap = 62;
    private const int AppModule = 80;

    public static XDocument Build(XDocument source, IReadOnlyList<CodeComponent> components, bool managed)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = new XDocument(source);
        var manifest = document.Root?.Element("SolutionManifest") ?? throw new InvalidDataException("solution.xml has no SolutionManifest.");
        var flag = manifest.Element("Managed") ?? throw new InvalidDataException("solution.xml has no Managed element.");
        flag.Value = managed ? "1" : "0";
        var roots = manifest.Element("RootComponents") ?? throw new InvalidDataException("solution.xml has no RootComponents element.");
        roots.RemoveNodes();
        // Behavior 0 includes the whole table; 2 ships a system table as a shell carrying only the columns we add.
        roots.Add(SolutionSchema.All.Select(t => ByName(Entity, t.LogicalName, t.IsCustom ? 0 : 2)));
        roots.Add(SolutionChoices.All.Select(c => ByName(OptionSet, c.Name, 0)));
        roots.Add(SecurityRoles.All.Select(r => ById(Role, RoleXml.IdOf(r))));
        roots.Add(components.Select(c => ByName(CodeComponent.ComponentType, c.Name, 0)));
        roots.Add(StepCatalog.Packaged.Select(s => ById(Step, StepXml.StepId(s))));
        roots.Add(ById(ServiceEndpoint, StepXml.EndpointId));
        roots.Add(ByName(SiteMap, PersonaStudioApp.UniqueName, 0));
        roots.Add(ByName(AppModule, PersonaStudioApp.UniqueName, 0));
        return document;
    }

    private static XElement ByName(int type, string name, int behavior) =>
        new("RootComponent", new XAttribute("type", type), new XAttribute("schemaName", name), new XAttribute("behavior", behavior));

    private static XElement ById(int type, Guid id) =>
        new("RootComponent", new XAttribute("type", type), new XAttribute("id", StableId.Braced(id)), new XAttribute("behavior", 0));
}
