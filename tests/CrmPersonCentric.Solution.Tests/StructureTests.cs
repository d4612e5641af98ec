using System.Xml;
using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>Well-formed XML, 1033 labels, the elements each component type needs, and a manifest that lists them.</summary>
public sealed class StructureTests
{
    public static TheoryData<string> XmlEntries() => ["[Content_Types].xml", "solution.xml", "customizations.xml"];

    public static TheoryData<string, string[]> RequiredElements() => new()
    {
        { "Entities/Entity", ["Name", "EntityInfo"] },
        // System columns such as owningteam carry no DisplayMask, and system relationships no roles, in real exports.
        { "Entities/Entity/EntityInfo/entity/attributes/attribute", ["Type", "Name", "LogicalName", "RequiredLevel", "IsCustomField", "displaynames", "Descriptions"] },
        { "EntityRelationships/EntityRelationship", ["EntityRelationshipType", "ReferencingEntityName", "ReferencedEntityName", "ReferencingAttributeName", "CascadeDelete"] },
        { "optionsets/optionset", ["OptionSetType", "IsGlobal", "displaynames", "options"] },
        { "CustomControls/CustomControl", ["Name", "FileName"] },
        { "SdkMessageProcessingSteps/SdkMessageProcessingStep", ["SdkMessageId", "EventHandler", "EventHandlerTypeCode", "PrimaryEntity", "Mode", "Rank", "Stage", "SupportedDeployment", "SdkMessageProcessingStepImages"] },
        { "ServiceEndpoints/ServiceEndpoint", ["Contract", "ConnectionMode", "AuthType", "Url", "MessageFormat"] },
        { "Roles/Role", ["RolePrivileges"] },
        { "Entities/Entity/SavedQueries/savedqueries/savedquery", ["savedqueryid", "querytype", "isdefault", "layoutxml", "fetchxml", "LocalizedNames"] },
        { "Entities/Entity/FormXml/forms/systemform", ["formid", "form", "LocalizedNames"] },
        { "AppModuleSiteMaps/AppModuleSiteMap", ["SiteMapUniqueName", "SiteMap", "LocalizedNames"] },
        { "AppModules/AppModule", ["UniqueName", "AppModuleComponents", "AppModuleRoleMaps", "LocalizedNames"] },
    };

    [Theory]
    [MemberData(nameof(XmlEntries))]
    public void Xml_entry_is_well_formed_utf8(string name)
    {
        var bytes = PackedSolution.Read(PackedSolution.Unmanaged, name);
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });

        while (reader.Read())
        {
        }

        Assert.Equal((byte)'<', bytes[0]);
    }

    [Theory]
    [MemberData(nameof(RequiredElements))]
    public void Component_has_its_required_elements(string path, string[] children)
    {
        var components = Select(PackedSolution.Customizations.Root!, path).ToList();

        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.All(children, child => Assert.True(c.Element(child) is not null, $"<{c.Name}> {Describe(c)} lacks <{child}>.")));
    }

    [Fact]
    public void Every_label_is_english_1033()
    {
        var labelled = new[] { PackedSolution.Customizations, PackedSolution.Manifest }
            .SelectMany(d => d.Descendants())
            .Where(e => e.Attribute("description") is not null)
            .ToList();

        Assert.NotEmpty(labelled);
        Assert.All(labelled, e => Assert.Equal("1033", e.Attribute("languagecode")?.Value));
        Assert.All(labelled, e => Assert.False(string.IsNullOrWhiteSpace(e.Attribute("description")!.Value), $"Empty label on <{e.Name}>."));
    }

    [Fact]
    public void No_generated_markers_or_comments_reach_the_zip()
    {
        var customizations = PackedSolution.Customizations;

        Assert.DoesNotContain(customizations.Descendants(), e => e.Attribute("generated") is not null);
        Assert.Empty(customizations.DescendantNodes().OfType<XComment>());
    }

    [Fact]
    public void Manifest_declares_the_publisher_prefixes()
    {
        var publisher = PackedSolution.Manifest.Root!.Element("SolutionManifest")!.Element("Publisher")!;

        Assert.Equal("cpc", publisher.Element("CustomizationPrefix")!.Value);
        Assert.Equal("74230", publisher.Element("CustomizationOptionValuePrefix")!.Value);
    }

    [Fact]
    public void Every_root_component_exists_in_customizations_and_every_component_is_a_root()
    {
        var root = PackedSolution.Customizations.Root!;
        var expected = new List<string>();
        expected.AddRange(root.Element("Entities")!.Elements("Entity").Select(e => "1:" + e.Element("Name")!.Value));
        expected.AddRange(root.Element("optionsets")!.Elements("optionset").Select(o => "9:" + o.Attribute("Name")!.Value));
        expected.AddRange(root.Element("Roles")!.Elements("Role").Select(r => "20:" + Guid.Parse(r.Attribute("id")!.Value)));
        expected.AddRange(root.Element("CustomControls")!.Elements("CustomControl").Select(c => "66:" + c.Element("Name")!.Value));
        expected.AddRange(root.Element("SdkMessageProcessingSteps")!.Elements().Select(s => "92:" + Guid.Parse(s.Attribute("SdkMessageProcessingStepId")!.Value)));
        expected.AddRange(root.Element("ServiceEndpoints")!.Elements().Select(s => "95:" + Guid.Parse(s.Attribute("ServiceEndpointId")!.Value)));
        expected.AddRange(root.Element("AppModuleSiteMaps")!.Elements().Select(s => "62:" + s.Element("SiteMapUniqueName")!.Value));
        expected.AddRange(root.Element("AppModules")!.Elements().Select(s => "80:" + s.Element("UniqueName")!.Value));

        var listed = PackedSolution.Manifest.Root!.Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
            .Select(r => r.Attribute("type")!.Value + ":" + (r.Attribute("schemaName")?.Value ?? Guid.Parse(r.Attribute("id")!.Value).ToString()))
            .ToList();

        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_three_roles_of_people_grant_only_privileges_on_solution_tables()
    {
        var all = PackedSolution.Customizations.Root!.Element("Roles")!.Elements("Role").ToList();
        var roles = all.Where(r => r.Attribute("name")!.Value != "CrmPersonCentric backend").ToList();
        var privileges = roles.SelectMany(r => r.Descendants("RolePrivilege")).ToList();

        Assert.Equal(4, all.Count); // the backend's role is checked against its calls in Functions.Tests (BackendRoleTests)
        Assert.Equal(["CrmPersonCentric marketing lead", "CrmPersonCentric ops admin", "CrmPersonCentric sales user"], roles.Select(r => r.Attribute("name")!.Value).Order());
        Assert.All(privileges, p => Assert.Contains("cpc_", p.Attribute("name")!.Value, StringComparison.Ordinal));
        Assert.All(privileges, p => Assert.Contains(p.Attribute("level")!.Value, new[] { "Basic", "Local", "Deep", "Global" }));
    }

    [Theory]
    [InlineData("CrmPersonCentric sales user", "prvWritecpc_driftrule")]
    [InlineData("CrmPersonCentric sales user", "prvWritecpc_driftfinding")]
    [InlineData("CrmPersonCentric marketing lead", "prvWritecpc_driftrule")]
    [InlineData("CrmPersonCentric ops admin", "prvWritecpc_persona")]
    public void Roles_do_not_grant_beyond_their_job(string role, string privilege)
    {
        var granted = PackedSolution.Customizations.Root!.Element("Roles")!.Elements("Role")
            .Single(r => r.Attribute("name")!.Value == role)
            .Descendants("RolePrivilege").Select(p => p.Attribute("name")!.Value);

        Assert.DoesNotContain(privilege, granted);
    }

    private static IEnumerable<XElement> Select(XElement root, string path) =>
        path.Split('/').Aggregate((IEnumerable<XElement>)[root], (current, step) => current.Elements(step));

    private static string Describe(XElement component) =>
        component.Attribute("Name")?.Value ?? component.Element("LogicalName")?.Value ?? component.Element("Name")?.Value ?? string.Empty;

    [Fact]
    public void The_sales_user_role_reads_every_table_the_enrichment_panel_queries()
    {
        var sources = Directory.GetFiles(Path.Combine(PackedSolution.SourceDirectory, "controls", "EnrichmentPanel"), "*.ts").Select(File.ReadAllText);
        var tables = sources.SelectMany(s => System.Text.RegularExpressions.Regex.Matches(s, @"retrieve(?:Record|MultipleRecords)\(""([a-z_]+)""").Select(m => m.Groups[1].Value)).ToHashSet();
        var granted = PackedSolution.Customizations.Root!.Element("Roles")!.Elements("Role")
            .Single(r => r.Attribute("name")!.Value == "CrmPersonCentric sales user")
            .Descendants("RolePrivilege").Select(p => p.Attribute("name")!.Value).ToHashSet();

        Assert.Equal(["cpc_behavioursignal", "cpc_driftfinding", "cpc_persona", "cpc_traittaxonomy"], tables.Order(StringComparer.Ordinal));
        Assert.All(tables, t => Assert.Contains("prvRead" + t, granted));
    }
}
