using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>Forms host the enrichment panel and bind to real columns; views filter on real choice values; the app navigates to real tables.</summary>
public sealed class FormAndViewTests
{
    private static readonly HashSet<string> ContactSystemColumns = ["firstname", "lastname", "jobtitle", "parentcustomerid", "emailaddress1"];

    [Fact]
    public void Contact_form_hosts_the_code_component_on_the_core_fears_cell_for_every_form_factor()
    {
        var form = ContactForm();
        var cell = form.Descendants("control").Single(c => c.Attribute("uniqueid") is not null);
        var description = form.Element("form")!.Element("controlDescriptions")!.Elements("controlDescription").Single();

        Assert.Equal("cpc_corefears", cell.Attribute("datafieldname")!.Value);
        Assert.Equal("{E0DECE4B-6FC8-4a8f-A065-082708572369}", cell.Attribute("classid")!.Value);
        Assert.Equal(cell.Attribute("uniqueid")!.Value, description.Attribute("forControl")!.Value);
        Assert.Equal(1, form.Descendants("control").Count(c => c.Attribute("id")!.Value == cell.Attribute("id")!.Value));
        var controls = description.Elements("customControl").ToList();
        Assert.Equal("{E0DECE4B-6FC8-4a8f-A065-082708572369}", controls[0].Attribute("id")!.Value);
        Assert.Equal(["0", "1", "2"], controls.Skip(1).Select(c => c.Attribute("formFactor")!.Value));
        Assert.All(controls.Skip(1), c => Assert.Equal("cpc_CrmPersonCentric.EnrichmentPanel", c.Attribute("name")!.Value));
    }

    [Fact]
    public void Every_property_of_the_built_manifest_is_bound_to_a_contact_column_of_its_type()
    {
        var manifest = XDocument.Load(Path.Combine(PackedSolution.SourceDirectory, "controls", "out", "controls", "EnrichmentPanel", "ControlManifest.xml"));
        var properties = manifest.Root!.Element("control")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("of-type")!.Value);
        var contact = PackedSolution.Entity(Tables.Contact.Name).Descendants("attributes").Elements("attribute").ToDictionary(a => a.Element("LogicalName")!.Value, a => a.Element("Type")!.Value);
        var bindings = ContactForm().Descendants("customControl").First(c => c.Attribute("formFactor") is not null).Element("parameters")!.Elements().ToList();

        Assert.Equal(properties.Keys.Order(StringComparer.Ordinal), bindings.Select(b => b.Name.LocalName).Order(StringComparer.Ordinal));
        // The record id, the documented way (an input property bound to the primary key column).
        Assert.Equal("contactid", bindings.Single(b => b.Name.LocalName == "contactId").Value);
        Assert.Equal("SingleLine.Text", properties["contactId"]);
        foreach (var binding in bindings.Where(b => b.Name.LocalName != "contactId"))
        {
            var columnType = contact[binding.Value];
            var propertyType = properties[binding.Name.LocalName];
            var expected = columnType switch
            {
                "ntext" => "Multiple",
                "decimal" => "Decimal",
                "datetime" => "DateAndTime.DateAndTime",
                "lookup" => "Lookup.Simple",
                "multiselectpicklist" => "MultiSelectOptionSet",
                "int" => "Whole.None",
                "nvarchar" => "SingleLine.Text",
                _ => "unexpected column type " + columnType,
            };
            Assert.True(expected == propertyType, $"{binding.Name.LocalName} ({propertyType}) is bound to {binding.Value} ({columnType}).");
        }
    }

    [Theory]
    [InlineData("cpc_personafit", "true")]
    [InlineData("cpc_insightsummary", "true")]
    [InlineData("cpc_fitupdatedon", "true")]
    [InlineData("cpc_aspirations", "false")]
    public void Computed_contact_columns_are_read_only_on_the_form(string column, string disabled)
    {
        var control = ContactForm().Descendants("control").Single(c => c.Attribute("datafieldname")?.Value == column);

        Assert.Equal(disabled, control.Attribute("disabled")!.Value);
    }

    [Theory]
    [InlineData("cpc_persona")]
    [InlineData("cpc_driftrule")]
    [InlineData("cpc_driftfinding")]
    [InlineData("cpc_personarevision")]
    [InlineData("contact")]
    public void Table_has_a_main_form_bound_only_to_existing_columns(string table)
    {
        var entity = PackedSolution.Entity(table);
        var columns = entity.Descendants("attributes").Elements("attribute").Select(a => a.Element("LogicalName")!.Value).ToHashSet();
        var bound = entity.Element("FormXml")!.Descendants("control").Select(c => c.Attribute("datafieldname")?.Value).OfType<string>().ToList();

        Assert.NotEmpty(bound);
        Assert.All(bound, c => Assert.True(columns.Contains(c) || (table == "contact" && ContactSystemColumns.Contains(c)), $"{table} form binds unknown column {c}."));
    }

    [Fact]
    public void Finding_form_is_entirely_read_only_and_revision_form_lets_users_decide()
    {
        var finding = PackedSolution.Entity(Tables.DriftFinding.Name).Element("FormXml")!.Descendants("control");
        var revision = PackedSolution.Entity(Tables.PersonaRevision.Name).Element("FormXml")!.Descendants("control")
            .Where(c => c.Attribute("disabled")!.Value == "false").Select(c => c.Attribute("datafieldname")!.Value);

        Assert.All(finding, c => Assert.Equal("true", c.Attribute("disabled")!.Value));
        Assert.Equal([Tables.PersonaRevision.DecidedBy, Tables.PersonaRevision.DecidedOn, Tables.PersonaRevision.Decision], revision.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cpc_driftfinding", "Open findings by persona", "cpc_findingstatus", "742300001", "cpc_personaid")]
    [InlineData("cpc_personarevision", "Proposed revisions", "cpc_decision", "742300001", "cpc_personaid")]
    [InlineData("cpc_driftrule", "Drift rules", null, null, "cpc_key")]
    public void Working_view_filters_and_sorts_as_named(string table, string name, string? column, string? value, string orderBy)
    {
        var fetch = View(table, name).Element("fetchxml")!.Element("fetch")!.Element("entity")!;
        var conditions = fetch.Element("filter")!.Elements("condition").ToList();

        Assert.Equal(orderBy, fetch.Element("order")!.Attribute("attribute")!.Value);
        // Active rows only, as Dataverse's own default views list them; then the view's own condition.
        Assert.Equal(("statecode", "0"), (conditions[0].Attribute("attribute")!.Value, conditions[0].Attribute("value")!.Value));
        var condition = conditions.Skip(1).SingleOrDefault();
        Assert.Equal(column, condition?.Attribute("attribute")!.Value);
        Assert.Equal(value, condition?.Attribute("value")!.Value);
    }

    [Fact]
    public void Every_view_uses_existing_columns_and_each_custom_table_has_one_default_per_system_query_type()
    {
        foreach (var entity in PackedSolution.Customizations.Root!.Element("Entities")!.Elements("Entity").Where(e => e.Element("SavedQueries") is not null))
        {
            var columns = entity.Descendants("attributes").Elements("attribute").Select(a => a.Element("LogicalName")!.Value).ToHashSet();
            columns.Add("statecode"); // every table has it; Dataverse creates it with the table
            var isSystem = entity.Element("Name")!.Value is Tables.Contact.Name or Tables.Account.Name;
            if (isSystem)
            {
                columns.UnionWith(["contactid", "fullname", "accountid", "name"]); // the system table's own key and name
            }

            var views = entity.Descendants("savedquery").ToList();
            var used = views.SelectMany(v => v.Descendants("cell").Select(c => c.Attribute("name")!.Value)
                .Concat(v.Descendants("attribute").Select(a => a.Attribute("name")!.Value))
                .Concat(v.Descendants("condition").Select(a => a.Attribute("attribute")!.Value)));

            Assert.All(used, c => Assert.Contains(c, columns));
            var defaults = views.Where(v => v.Element("isdefault")!.Value == "1").Select(v => v.Element("querytype")!.Value).Order();
            Assert.Equal(isSystem ? [] : ["0", "1", "2", "4", "64"], defaults); // a system table keeps its own defaults
        }
    }

    [Fact]
    public void Persona_studio_navigates_to_packed_tables_and_is_open_to_the_roles_of_people()
    {
        var root = PackedSolution.Customizations.Root!;
        var tables = root.Element("Entities")!.Elements("Entity").Select(e => e.Element("Name")!.Value).ToHashSet();
        var roles = root.Element("Roles")!.Elements("Role").Where(r => r.Attribute("name")!.Value != "CrmPersonCentric backend").Select(r => r.Attribute("id")!.Value).Order();
        var siteMap = root.Element("AppModuleSiteMaps")!.Element("AppModuleSiteMap")!;
        var app = root.Element("AppModules")!.Element("AppModule")!;

        var subAreas = siteMap.Descendants("SubArea").Select(s => s.Attribute("Entity")!.Value).ToList();
        Assert.All(subAreas, t => Assert.Contains(t, tables));
        Assert.Contains(Tables.DriftFinding.Name, subAreas);
        Assert.Equal("Persona Studio", app.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value);
        Assert.Equal(roles, app.Element("AppModuleRoleMaps")!.Elements("Role").Select(r => r.Attribute("id")!.Value).Order());
        Assert.Equal(subAreas.Order(), app.Descendants("AppModuleComponent").Where(c => c.Attribute("type")!.Value == "1").Select(c => c.Attribute("schemaName")!.Value).Order());
        Assert.All(siteMap.Descendants("Title"), t => Assert.Equal("1033", t.Attribute("LCID")!.Value));
    }

    [Theory]
    [InlineData(Reports.View.ActLinks.EnrichmentView)]
    [InlineData(Reports.View.ActLinks.AdvocatesView)]
    public void The_reports_link_to_the_working_views_by_the_ids_the_solution_gives_them(string name)
    {
        var view = View(Tables.Contact.Name, name);

        Assert.Equal(Reports.View.ActLinks.ViewId(Tables.Contact.Name, name).ToString("B"), view.Element("savedqueryid")!.Value, ignoreCase: true);
    }

    [Fact]
    public void Contacts_to_enrich_lists_active_contacts_on_a_worklist_by_persona_and_rank()
    {
        var view = View(Tables.Contact.Name, "Contacts to enrich");
        var fetch = view.Element("fetchxml")!.Element("fetch")!.Element("entity")!;

        Assert.Equal("0", view.Element("querytype")!.Value);
        Assert.Equal("0", view.Element("isdefault")!.Value);
        Assert.Equal([Tables.Contact.Persona, Tables.Contact.EnrichmentRank], fetch.Elements("order").Select(o => o.Attribute("attribute")!.Value));
        var conditions = fetch.Element("filter")!.Elements("condition").Select(c => (c.Attribute("attribute")!.Value, c.Attribute("operator")!.Value, c.Attribute("value")?.Value)).ToList();
        Assert.Equal([("statecode", "eq", "0"), (Tables.Contact.EnrichmentRank, "not-null", null)], conditions);
        Assert.Equal(["fullname", Tables.Contact.Persona, .. Tables.Contact.Enrichment], view.Descendants("cell").Select(c => c.Attribute("name")!.Value));
        Assert.Equal("fullname", view.Descendants("grid").Single().Attribute("jump")!.Value);
    }

    private static XElement ContactForm() =>
        PackedSolution.Entity(Tables.Contact.Name).Element("FormXml")!.Descendants("systemform").Single();

    private static XElement View(string table, string name) =>
        PackedSolution.Entity(table).Descendants("savedquery").Single(v => v.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value == name);

    [Fact]
    public void Quick_find_views_search_active_rows_through_fields_marked_isquickfindfields()
    {
        var quickFinds = PackedSolution.Customizations.Descendants("savedquery").Where(q => q.Element("querytype")!.Value == "4").ToList();

        Assert.NotEmpty(quickFinds);
        Assert.All(quickFinds, q =>
        {
            Assert.Equal("1", q.Element("isquickfindquery")!.Value);
            var filters = q.Element("fetchxml")!.Descendants("filter").ToList();
            var search = Assert.Single(filters, f => f.Attribute("isquickfindfields")?.Value == "1");
            Assert.Equal("or", search.Attribute("type")!.Value);
            Assert.All(search.Elements("condition"), c => Assert.Equal("{0}", c.Attribute("value")!.Value));
            Assert.Contains(filters, f => f.Elements("condition").Any(c => c.Attribute("attribute")!.Value == "statecode" && c.Attribute("value")!.Value == "0"));
        });
    }
}
