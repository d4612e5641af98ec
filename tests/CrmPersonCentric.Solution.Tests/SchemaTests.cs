using System.Reflection;
using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>Every logical name the code uses exists in customizations.xml with the type the code expects.</summary>
public sealed class SchemaTests
{
    /// <summary>Columns the code names that Dataverse itself provides: the solution must not redefine them.</summary>
    private static readonly HashSet<string> SystemColumns = ["contactid", "parentcustomerid", "modifiedon", "industrycode", "numberofemployees", "ownerid"];

    /// <summary>The expected attribute type of every column, written independently of the generator.</summary>
    private static readonly Dictionary<string, string> ExpectedTypes = new()
    {
        ["contact.cpc_aspirations"] = "ntext", ["contact.cpc_corefears"] = "ntext", ["contact.cpc_peergroups"] = "ntext",
        ["contact.cpc_communities"] = "ntext", ["contact.cpc_deeppersonaldesire"] = "ntext", ["contact.cpc_emotionalstakes"] = "ntext",
        ["contact.cpc_trustsignals"] = "multiselectpicklist", ["contact.cpc_personaid"] = "lookup", ["contact.cpc_personafit"] = "decimal",
        ["contact.cpc_insightsummary"] = "ntext", ["contact.cpc_fitupdatedon"] = "datetime",
        ["contact.cpc_enrichmentrank"] = "int", ["contact.cpc_enrichmentmissing"] = "nvarchar", ["contact.cpc_enrichmentnote"] = "nvarchar",
        ["contact.cpc_advocatereason"] = "nvarchar", ["contact.cpc_advocatekinds"] = "nvarchar",
        ["account.cpc_region"] = "nvarchar",
        ["cpc_persona.cpc_personaid"] = "primarykey", ["cpc_persona.cpc_name"] = "nvarchar", ["cpc_persona.cpc_version"] = "int",
        ["cpc_persona.cpc_icpindustries"] = "ntext", ["cpc_persona.cpc_icpminemployees"] = "int", ["cpc_persona.cpc_icpmaxemployees"] = "int",
        ["cpc_persona.cpc_icpregions"] = "ntext", ["cpc_persona.cpc_corporatevision"] = "ntext", ["cpc_persona.cpc_departmentmission"] = "ntext",
        ["cpc_persona.cpc_jobrolekra"] = "ntext", ["cpc_persona.cpc_deeppersonaldesire"] = "ntext", ["cpc_persona.cpc_reachedlayer"] = "picklist",
        ["cpc_persona.cpc_declaredtraits"] = "ntext", ["cpc_persona.cpc_expectedbehaviours"] = "ntext", ["cpc_persona.cpc_changelog"] = "ntext",
        ["cpc_persona.cpc_expectedtrust"] = "ntext", ["cpc_persona.cpc_revisedon"] = "datetime", ["cpc_persona.cpc_depthcheck"] = "ntext",
        ["cpc_traittaxonomy.cpc_dimension"] = "picklist", ["cpc_traittaxonomy.cpc_key"] = "nvarchar", ["cpc_traittaxonomy.cpc_label"] = "nvarchar",
        ["cpc_traittaxonomy.cpc_synonyms"] = "ntext", ["cpc_traittaxonomy.cpc_generic"] = "bit",
        ["cpc_messagetheme.cpc_label"] = "nvarchar", ["cpc_messagetheme.cpc_key"] = "nvarchar", ["cpc_messagetheme.cpc_synonyms"] = "ntext",
        ["cpc_messagetheme.cpc_dimension"] = "picklist", ["cpc_messagetheme.cpc_trait"] = "nvarchar", ["cpc_messagetheme.cpc_layer"] = "picklist",
        ["cpc_behavioursignal.cpc_behavioursignalid"] = "primarykey", ["cpc_behavioursignal.cpc_contactid"] = "lookup", ["cpc_behavioursignal.cpc_type"] = "picklist",
        ["cpc_behavioursignal.cpc_occurredon"] = "datetime", ["cpc_behavioursignal.cpc_theme"] = "nvarchar", ["cpc_behavioursignal.cpc_layer"] = "picklist",
        ["cpc_behavioursignal.cpc_externalid"] = "nvarchar", ["cpc_behavioursignal.cpc_source"] = "picklist", ["cpc_behavioursignal.cpc_relatedcontactid"] = "lookup",
        ["cpc_driftrule.cpc_driftruleid"] = "primarykey", ["cpc_driftrule.cpc_key"] = "nvarchar", ["cpc_driftrule.cpc_name"] = "nvarchar",
        ["cpc_driftrule.cpc_metric"] = "picklist", ["cpc_driftrule.cpc_dimension"] = "picklist", ["cpc_driftrule.cpc_threshold"] = "decimal",
        ["cpc_driftrule.cpc_criticalthreshold"] = "decimal", ["cpc_driftrule.cpc_minimumsample"] = "int", ["cpc_driftrule.cpc_windowdays"] = "int",
        ["cpc_driftrule.cpc_severity"] = "picklist", ["cpc_driftrule.cpc_personaid"] = "lookup", ["cpc_driftrule.cpc_enabled"] = "bit",
        ["cpc_driftrule.cpc_falsediscoveryrate"] = "decimal", ["cpc_driftrule.cpc_parameter"] = "decimal",
        ["cpc_driftfinding.cpc_key"] = "nvarchar", ["cpc_driftfinding.cpc_personaid"] = "lookup", ["cpc_driftfinding.cpc_rulekey"] = "nvarchar",
        ["cpc_driftfinding.cpc_metric"] = "picklist", ["cpc_driftfinding.cpc_subject"] = "nvarchar", ["cpc_driftfinding.cpc_severity"] = "picklist",
        ["cpc_driftfinding.cpc_findingstatus"] = "picklist", ["cpc_driftfinding.cpc_evidence"] = "ntext", ["cpc_driftfinding.cpc_rationale"] = "ntext", ["cpc_driftfinding.cpc_headline"] = "nvarchar", ["cpc_driftfinding.cpc_findingkind"] = "picklist",
        ["cpc_personarevision.cpc_personarevisionid"] = "primarykey", ["cpc_personarevision.cpc_key"] = "nvarchar", ["cpc_personarevision.cpc_personaid"] = "lookup",
        ["cpc_personarevision.cpc_personaversion"] = "int", ["cpc_personarevision.cpc_type"] = "picklist", ["cpc_personarevision.cpc_dimension"] = "picklist",
        ["cpc_personarevision.cpc_subject"] = "nvarchar", ["cpc_personarevision.cpc_proposedvalue"] = "ntext", ["cpc_personarevision.cpc_details"] = "ntext",
        ["cpc_personarevision.cpc_evidence"] = "ntext", ["cpc_personarevision.cpc_rationale"] = "ntext", ["cpc_personarevision.cpc_decision"] = "picklist",
        ["cpc_personarevision.cpc_decidedby"] = "lookup", ["cpc_personarevision.cpc_decidedon"] = "datetime",
    };

    public static TheoryData<string, string> CodeColumns()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in typeof(Tables).GetNestedTypes(BindingFlags.Public))
        {
            var constants = table.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToList();
            var tableName = (string)constants.Single(f => f.Name == "Name").GetRawConstantValue()!;
            foreach (var field in constants.Where(f => f.Name is not "Name" and not "EntitySet"))
            {
                var column = (string)field.GetRawConstantValue()!;
                if (!SystemColumns.Contains(column))
                {
                    data.Add(tableName, column);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodeColumns))]
    public void Column_used_by_the_code_exists_with_the_expected_type(string table, string column)
    {
        Assert.True(ExpectedTypes.TryGetValue(table + "." + column, out var expected), $"The test's type table has no entry for {table}.{column}: add one.");

        var attribute = PackedSolution.Attribute(table, column);

        Assert.NotNull(attribute);
        Assert.Equal(expected, attribute.Element("Type")!.Value);
    }

    [Fact]
    public void Every_expected_column_exists_with_its_type()
    {
        var wrong = ExpectedTypes
            .Where(x => PackedSolution.Attribute(x.Key.Split('.')[0], x.Key.Split('.')[1])?.Element("Type")?.Value != x.Value)
            .Select(x => x.Key)
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Code_columns_cover_every_table_of_the_code()
    {
        var tables = CodeColumns().Select(row => row.Data.Item1).Distinct().Order().ToList();

        Assert.Equal(["account", "contact", "cpc_behavioursignal", "cpc_driftfinding", "cpc_driftrule", "cpc_messagetheme", "cpc_persona", "cpc_personarevision", "cpc_traittaxonomy"], tables);
    }

    [Fact]
    public void System_columns_are_not_redefined()
    {
        // The system tables the solution extends keep their own system columns (a table of ours defines its own).
        var redefined = new[] { "contact", "account" }.SelectMany(t => PackedSolution.Entity(t).Descendants("attributes").Elements("attribute"))
            .Select(a => a.Element("LogicalName")!.Value)
            .Where(SystemColumns.Contains)
            .ToList();

        Assert.Empty(redefined);
    }

    [Theory]
    [InlineData("cpc_persona", "UserOwned")]
    [InlineData("cpc_driftrule", "OrgOwned")]
    [InlineData("cpc_traittaxonomy", "OrgOwned")]
    public void Tables_have_the_expected_ownership(string table, string ownership)
    {
        Assert.Equal(ownership, PackedSolution.Entity(table).Descendants("OwnershipTypeMask").Single().Value);
    }

    [Theory]
    [InlineData("cpc_driftfinding", "cpc_key")]
    [InlineData("cpc_personarevision", "cpc_key")]
    [InlineData("cpc_behavioursignal", "cpc_externalid")]
    [InlineData("cpc_driftrule", "cpc_key")]
    public void Alternate_keys_exist(string table, string column)
    {
        var keys = PackedSolution.Entity(table).Descendants("EntityKey").Select(k => k.Element("EntityKeyAttributes")!.Elements("AttributeName").Single().Value);

        Assert.Contains(column, keys);
    }

    [Fact]
    public void Persona_fit_is_a_four_decimal_number_between_zero_and_one()
    {
        var fit = PackedSolution.Attribute(Tables.Contact.Name, Tables.Contact.PersonaFit)!;

        Assert.Equal(["0", "1", "4"], [fit.Element("MinValue")!.Value, fit.Element("MaxValue")!.Value, fit.Element("Accuracy")!.Value]);
    }

    [Theory]
    [InlineData("contact", "cpc_aspirations", "4000")]
    [InlineData("contact", "cpc_insightsummary", "2000")]
    public void Text_columns_have_the_required_length(string table, string column, string length)
    {
        Assert.Equal(length, PackedSolution.Attribute(table, column)!.Element("MaxLength")!.Value);
    }

    [Fact]
    public void Every_lookup_has_a_one_to_many_relationship_to_its_target()
    {
        var lookups = PackedSolution.Customizations.Descendants("Entity")
            .SelectMany(e => e.Descendants("attributes").Elements("attribute").Where(a => a.Element("Type")!.Value is "lookup" or "owner").Select(a => (Table: e.Element("Name")!.Value, Column: a.Element("LogicalName")!.Value)))
            .ToList();
        var relationships = PackedSolution.Customizations.Root!.Element("EntityRelationships")!.Elements("EntityRelationship")
            .Select(r => (Table: r.Element("ReferencingEntityName")!.Value, Column: r.Element("ReferencingAttributeName")!.Value))
            .ToList();
        // Real exports carry no relationship for the delegate (on behalf of) columns.
        var delegates = lookups.Where(l => l.Column is "createdonbehalfby" or "modifiedonbehalfby").ToList();

        Assert.Equal(7, lookups.Count(l => l.Column.StartsWith("cpc_", StringComparison.Ordinal)));
        Assert.Equal(lookups.Except(delegates).Order(), relationships.Order());
    }

    [Fact]
    public void Drift_rule_threshold_description_explains_every_metric()
    {
        var description = PackedSolution.Attribute(Tables.DriftRule.Name, Tables.DriftRule.Threshold)!.Element("Descriptions")!.Element("Description")!.Attribute("description")!.Value;

        foreach (var metric in Enum.GetValues<Drift.Rules.DriftMetric>())
        {
            Assert.Contains(Drift.Rules.MetricDefinition.For(metric).ThresholdMeaning, description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Relationship_names_carry_the_publisher_prefix_and_match_their_navigation_property()
    {
        var relationships = PackedSolution.Customizations.Root!.Element("EntityRelationships")!.Elements("EntityRelationship")
            .Where(r => r.Element("ReferencingAttributeName")!.Value.StartsWith("cpc_", StringComparison.Ordinal)).ToList();

        Assert.Equal(7, relationships.Count);
        Assert.All(relationships, r =>
        {
            var name = r.Attribute("Name")!.Value;
            Assert.StartsWith("cpc_", name, StringComparison.Ordinal);
            Assert.EndsWith("_" + r.Element("ReferencedEntityName")!.Value, name, StringComparison.Ordinal);
            Assert.Equal(name, r.Descendants("EntityRelationshipRole").Single(x => x.Element("RelationshipRoleType")!.Value == "0").Element("NavigationPropertyName")!.Value);
        });
        Assert.Equal(relationships.Count, relationships.Select(r => r.Attribute("Name")!.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(relationships, r => r.Attribute("Name")!.Value == "cpc_behavioursignal_contactid_contact");
    }

    [Fact]
    public void Decimal_columns_keep_their_places_in_accuracy_which_is_how_solution_xml_spells_precision()
    {
        var decimals = PackedSolution.Customizations.Descendants("attribute").Where(a => a.Element("Type")?.Value == "decimal").ToList();

        Assert.NotEmpty(decimals);
        Assert.All(decimals, a => Assert.Equal("4", a.Element("Accuracy")!.Value));
        Assert.All(decimals, a => Assert.Null(a.Element("Precision")));
        Assert.Contains(decimals, a => a.Element("LogicalName")!.Value == Tables.Contact.PersonaFit);
    }

    [Fact]
    public void Custom_tables_declare_the_entity_sets_the_code_queries()
    {
        var declared = PackedSolution.Customizations.Root!.Element("Entities")!.Elements("Entity")
            .Where(e => e.Descendants("EntitySetName").Any())
            .ToDictionary(e => e.Element("Name")!.Value, e => e.Descendants("EntitySetName").Single().Value);

        Assert.Equal(7, declared.Count);
        Assert.Equal(Tables.TraitTaxonomy.EntitySet, declared[Tables.TraitTaxonomy.Name]);
        Assert.Equal(Tables.MessageTheme.EntitySet, declared[Tables.MessageTheme.Name]);
        Assert.Equal(Tables.PersonaRevision.EntitySet, declared[Tables.PersonaRevision.Name]);
        Assert.All(declared, d => Assert.EndsWith("s", d.Value, StringComparison.Ordinal));
    }
}
