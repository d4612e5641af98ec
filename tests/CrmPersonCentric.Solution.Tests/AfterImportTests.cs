using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>
/// What the solution does after a successful import, pinned in the packed XML: each Yes/No column's default, each
/// relationship's delete behaviour (and the platform's rules on parental relationships), auditing per table and column,
/// and the role depths that let a marketing lead decide the backend's revisions.
/// </summary>
public sealed class AfterImportTests
{
    private static IEnumerable<XElement> Relationships => PackedSolution.Customizations.Root!.Element("EntityRelationships")!.Elements("EntityRelationship");

    private static XElement Relationship(string referencing, string lookup) =>
        Relationships.Single(r => r.Element("ReferencingEntityName")!.Value == referencing && r.Element("ReferencingAttributeName")!.Value == lookup);

    [Theory]
    [InlineData("cpc_traittaxonomy", "cpc_generic", "0")]
    [InlineData("cpc_driftrule", "cpc_enabled", "1")]
    public void YesNoColumns_HaveTheirOwnDefault(string table, string column, string expected)
    {
        Assert.Equal(expected, PackedSolution.Attribute(table, column)!.Element("AppDefaultValue")!.Value);
    }

    [Fact]
    public void EveryYesNoColumn_DeclaresADefaultOnPurpose()
    {
        var booleans = PackedSolution.Customizations.Descendants("attribute").Where(a => a.Element("Type")?.Value == "bit").ToList();

        Assert.Equal(2, booleans.Count);
        Assert.All(booleans, b => Assert.Contains(b.Element("AppDefaultValue")!.Value, new[] { "0", "1" }));
    }

    [Theory]
    [InlineData("cpc_behavioursignal", "cpc_contactid", "Cascade")]       // a person's signals go with the contact
    [InlineData("cpc_behavioursignal", "cpc_relatedcontactid", "RemoveLink")]
    [InlineData("cpc_driftfinding", "cpc_personaid", "Cascade")]          // findings go with their persona
    [InlineData("cpc_personarevision", "cpc_personaid", "Cascade")]       // so do revisions
    [InlineData("cpc_personarevision", "cpc_decidedby", "RemoveLink")]
    [InlineData("cpc_driftrule", "cpc_personaid", "Restrict")]           // emptied, a scoped rule would apply to every persona
    [InlineData("contact", "cpc_personaid", "RemoveLink")]               // contacts are untagged, never deleted
    public void EachRelationship_HasItsDeleteBehaviourChosen(string referencing, string lookup, string expected)
    {
        var relationship = Relationship(referencing, lookup);

        Assert.Equal(expected, relationship.Element("CascadeDelete")!.Value);
        Assert.All(new[] { "CascadeAssign", "CascadeReparent", "CascadeShare", "CascadeUnshare", "CascadeRollupView" }, e => Assert.Equal("NoCascade", relationship.Element(e)!.Value));
    }

    [Fact]
    public void ParentalRelationships_FollowThePlatformsRules()
    {
        var custom = PackedSolution.Customizations.Root!.Element("Entities")!.Elements("Entity")
            .Where(e => e.Element("EntityInfo")!.Element("entity")!.Element("OwnershipTypeMask") is not null)
            .Select(e => e.Element("Name")!.Value).ToHashSet();
        var parental = Relationships.Where(r => r.Element("CascadeDelete")!.Value == "Cascade").ToList();

        // "A custom table can't be the primary table in a relationship with a related system table that cascades."
        Assert.DoesNotContain(parental, r => custom.Contains(r.Element("ReferencedEntityName")!.Value) && !custom.Contains(r.Element("ReferencingEntityName")!.Value));
        // One parental relationship per table at most (no multi-parent rows).
        Assert.All(parental.GroupBy(r => r.Element("ReferencingEntityName")!.Value), g => Assert.Single(g));
        Assert.All(Relationships, r => Assert.Contains(r.Element("CascadeDelete")!.Value, new[] { "Cascade", "RemoveLink", "Restrict", "NoCascade" }));
    }

    [Fact]
    public void RelatedMenus_NeverShowTwoEntriesWithOneLabel()
    {
        var labels = Relationships.Where(r => r.Element("ReferencedEntityName")!.Value == "contact")
            .Select(r => r.Descendants("EntityRelationshipRole").First())
            .Select(role => role.Element("NavPaneDisplayOption")!.Value == "UseLabel" ? role.Descendants("CustomLabel").Single().Attribute("description")!.Value : "(plural name)")
            .ToList();

        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Theory]
    [InlineData("cpc_persona", true)]
    [InlineData("cpc_driftrule", true)]
    [InlineData("cpc_traittaxonomy", true)]
    [InlineData("cpc_messagetheme", true)]
    [InlineData("cpc_personarevision", true)]
    [InlineData("cpc_driftfinding", false)]     // rewritten by every hourly run
    [InlineData("cpc_behavioursignal", false)]  // people's behaviour: the audit log would outlive their erasure
    public void Tables_AreAuditedByChoice(string table, bool audited)
    {
        Assert.Equal(audited ? "1" : "0", PackedSolution.Entity(table).Element("EntityInfo")!.Element("entity")!.Element("IsAuditEnabled")!.Value);
    }

    [Theory]
    [InlineData("cpc_personarevision", "cpc_decision", true)]
    [InlineData("cpc_personarevision", "cpc_decidedby", true)]
    [InlineData("cpc_personarevision", "cpc_evidence", false)]
    [InlineData("cpc_personarevision", "cpc_rationale", false)]
    [InlineData("cpc_persona", "cpc_declaredtraits", true)]
    [InlineData("cpc_persona", "cpc_depthcheck", false)]
    [InlineData("cpc_driftfinding", "cpc_evidence", false)]
    [InlineData("contact", "cpc_corefears", false)]
    [InlineData("contact", "cpc_deeppersonaldesire", false)]
    [InlineData("contact", "cpc_personaid", true)]
    [InlineData("contact", "cpc_personafit", false)]
    [InlineData("contact", "cpc_enrichmentnote", false)]
    public void Columns_AreAuditedByChoice(string table, string column, bool audited)
    {
        Assert.Equal(audited ? "1" : "0", PackedSolution.Attribute(table, column)!.Element("IsAuditEnabled")!.Value);
    }

    [Fact]
    public void MarketingLeads_DecideRevisionsInAnyBusinessUnit()
    {
        var lead = PackedSolution.Customizations.Root!.Element("Roles")!.Elements("Role").Single(r => r.Attribute("name")!.Value == "CrmPersonCentric marketing lead");
        var depth = lead.Descendants("RolePrivilege").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("level")!.Value);

        // Revisions are created and owned by the backend's application user, which may sit in another business unit.
        Assert.Equal("Global", depth["prvWritecpc_personarevision"]);
        Assert.Equal("Global", depth["prvAppendcpc_personarevision"]);
        Assert.Equal("Global", depth["prvReadcpc_personarevision"]);
        Assert.Equal("Global", depth["prvAppendTocpc_persona"]);
    }

    [Fact]
    public void ContactForm_IsFirstForTheSolutionsRoles_AndNoFallback_AndInTheApp()
    {
        var form = PackedSolution.Entity("contact").Descendants("systemform").Single();
        var conditions = form.Element("form")!.Elements().Last();
        var roles = PackedSolution.Customizations.Root!.Element("Roles")!.Elements("Role").Where(r => r.Attribute("name")!.Value != "CrmPersonCentric backend").Select(r => r.Attribute("id")!.Value);
        var app = PackedSolution.Customizations.Descendants("AppModule").Single().Element("AppModuleComponents")!.Elements("AppModuleComponent");

        Assert.Equal("DisplayConditions", conditions.Name.LocalName);
        Assert.Equal(("0", "false"), (conditions.Attribute("Order")!.Value, conditions.Attribute("FallbackForm")!.Value));
        Assert.Equal(roles.Order(StringComparer.Ordinal), conditions.Elements("Role").Select(r => r.Attribute("Id")!.Value).Order(StringComparer.Ordinal));
        Assert.Contains(app, c => c.Attribute("type")!.Value == "60" && c.Attribute("id")!.Value == form.Element("formid")!.Value);
    }

    [Fact]
    public void EachTableOfOurs_HasItsFormAsTheFallbackForEveryone()
    {
        foreach (var table in new[] { "cpc_persona", "cpc_driftrule", "cpc_driftfinding", "cpc_personarevision", "cpc_traittaxonomy", "cpc_messagetheme", "cpc_behavioursignal" })
        {
            var conditions = PackedSolution.Entity(table).Descendants("systemform").Single().Element("form")!.Element("DisplayConditions")!;

            Assert.Equal("true", conditions.Attribute("FallbackForm")!.Value);
            Assert.NotNull(conditions.Element("Everyone"));
        }
    }

    [Theory]
    [InlineData("cpc_persona", true)]
    [InlineData("cpc_driftrule", false)]
    public void TablesOfOurs_CarryTheSystemColumnsAndRelationshipsRealExportsCarry(string table, bool userOwned)
    {
        var attributes = PackedSolution.Entity(table).Descendants("attributes").Elements("attribute").ToDictionary(a => a.Element("LogicalName")!.Value);
        var relationships = Relationships.Where(r => r.Element("ReferencingEntityName")!.Value == table && !r.Element("ReferencingAttributeName")!.Value.StartsWith("cpc_", StringComparison.Ordinal))
            .Select(r => r.Attribute("Name")!.Value).Order(StringComparer.Ordinal);
        string[] common = [table + "id", "createdby", "createdon", "createdonbehalfby", "importsequencenumber", "modifiedby", "modifiedon", "modifiedonbehalfby", "overriddencreatedon", "statecode", "statuscode", "timezoneruleversionnumber", "utcconversiontimezonecode"];
        string[] owned = userOwned ? ["ownerid", "owningbusinessunit", "owningteam", "owninguser"] : ["organizationid"];

        Assert.Equal(common.Concat(owned).Order(StringComparer.Ordinal), attributes.Values.Where(a => a.Element("IsCustomField")!.Value == "0").Select(a => a.Element("LogicalName")!.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("versionnumber", attributes.Keys);
        Assert.Equal(["Active", "Inactive"], attributes["statecode"].Descendants("state").Select(s => s.Attribute("invariantname")!.Value));
        Assert.Equal(["1", "2"], attributes["statuscode"].Descendants("status").Select(s => s.Attribute("value")!.Value));
        Assert.Equal(
            (userOwned ? new[] { "business_unit_" + table, "lk_" + table + "_createdby", "lk_" + table + "_modifiedby", "owner_" + table, "team_" + table, "user_" + table } : ["lk_" + table + "_createdby", "lk_" + table + "_modifiedby", "organization_" + table]).Order(StringComparer.Ordinal),
            relationships);
    }

    [Fact]
    public void AccountRegion_IsOnAForm()
    {
        var form = PackedSolution.Entity("account").Descendants("systemform").Single();

        Assert.Contains(form.Descendants("control"), c => c.Attribute("datafieldname")!.Value == "cpc_region");
        Assert.Equal("false", form.Element("form")!.Element("DisplayConditions")!.Attribute("FallbackForm")!.Value);
    }
}
