using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The Persona Studio app module and its site map.</summary>
internal static class AppXml
{
    /// <summary>The default app icon web resource shipped with every environment.</summary>
    private const string DefaultIconWebResourceId = "953b9fac-1e5e-e611-80d6-00155ded156f";

    public static XElement SiteMap() =>
        new("AppModuleSiteMap",
            new XElement("SiteMapUniqueName", PersonaStudioApp.UniqueName),
            new XElement("SiteMapName", PersonaStudioApp.DisplayName),
            new XElement("SiteMap", new XAttribute("IntroducedVersion", "7.0.0.0"),
                new XElement("Area", new XAttribute("Id", "cpc_area_personastudio"), new XAttribute("ShowGroups", "true"),
                    Titles(PersonaStudioApp.DisplayName),
                    PersonaStudioApp.Groups.Select(g => new XElement("Group", new XAttribute("Id", g.Id), new XAttribute("IsProfile", "false"),
                        Titles(g.Title),
                        g.Tables.Select(t => new XElement("SubArea", new XAttribute("Id", "cpc_sub_" + t), new XAttribute("Entity", t))))))),
            Of("LocalizedNames", "LocalizedName", PersonaStudioApp.DisplayName));

    public static XElement AppModule() =>
        new("AppModule",
            new XElement("UniqueName", PersonaStudioApp.UniqueName),
            new XElement("IntroducedVersion", "1.0.0.0"),
            new XElement("WebResourceId", DefaultIconWebResourceId),
            new XElement("FormFactor", "1"),
            new XElement("ClientType", "4"),
            new XElement("AppModuleComponents",
                PersonaStudioApp.Groups.SelectMany(g => g.Tables).Select(t => new XElement("AppModuleComponent", new XAttribute("type", "1"), new XAttribute("schemaName", t))),
                // The app's forms (type 60): an app that lists a table's forms shows only those, so in Persona Studio a
                // contact opens in the person-centric form, whatever other contact forms the environment has.
                SolutionSchema.All.SelectMany(t => SolutionForms.For(t)).Where(f => PersonaStudioApp.Groups.Any(g => g.Tables.Contains(f.Table))).Select(f => new XElement("AppModuleComponent", new XAttribute("type", "60"), new XAttribute("id", StableId.Braced(FormXml.IdOf(f))))),
                new XElement("AppModuleComponent", new XAttribute("type", "62"), new XAttribute("schemaName", PersonaStudioApp.UniqueName))),
            new XElement("AppModuleRoleMaps", PersonaStudioApp.Roles.Select(r => new XElement("Role", new XAttribute("id", StableId.Braced(RoleXml.IdOf(r)))))),
            Of("LocalizedNames", "LocalizedName", PersonaStudioApp.DisplayName),
            Descriptions(PersonaStudioApp.Description));

    private static XElement Titles(string title) =>
        new("Titles", new XElement("Title", new XAttribute("LCID", LanguageCode), new XAttribute("Title", title)));
}
