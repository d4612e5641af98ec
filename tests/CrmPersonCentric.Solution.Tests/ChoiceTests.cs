using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>Choice values carry the publisher prefix and equal what the code reads and writes.</summary>
public sealed class ChoiceTests
{
    public static TheoryData<string, string, int[]> ChoiceColumns() => new()
    {
        { "cpc_persona", "cpc_reachedlayer", Values<MessagingLayer>(0) },
        { "cpc_behavioursignal", "cpc_layer", Values<MessagingLayer>(0) },
        { "cpc_behavioursignal", "cpc_type", Values<BehaviourType>(1) },
        { "cpc_traittaxonomy", "cpc_dimension", Values<TraitDimension>(1) },
        { "cpc_driftrule", "cpc_dimension", Values<TraitDimension>(1) },
        { "cpc_driftrule", "cpc_metric", Values<DriftMetric>(1) },
        { "cpc_driftrule", "cpc_severity", Values<Severity>(1) },
        { "cpc_driftfinding", "cpc_metric", Values<DriftMetric>(1) },
        { "cpc_driftfinding", "cpc_severity", Values<Severity>(1) },
        { "cpc_driftfinding", "cpc_findingstatus", Values<Choices.FindingStatus>(0) },
        { "cpc_personarevision", "cpc_type", Values<SuggestionType>(1) },
        { "cpc_personarevision", "cpc_dimension", Values<TraitDimension>(1) },
        { "cpc_personarevision", "cpc_decision", Values<Choices.Decision>(0) },
        { "contact", "cpc_trustsignals", [.. ContactProfileMapper.TrustValues(TrustModes.PeerReferral | TrustModes.Community | TrustModes.Content | TrustModes.SalesLed)] },
    };

    [Theory]
    [MemberData(nameof(ChoiceColumns))]
    public void Choice_column_options_equal_the_code_values(string table, string column, int[] expected)
    {
        var options = OptionValues(OptionSetOf(table, column));

        Assert.Equal(expected, options);
    }

    [Fact]
    public void Every_option_value_carries_the_74230_prefix_and_counts_from_one()
    {
        foreach (var optionSet in GlobalOptionSets())
        {
            var values = OptionValues(optionSet);

            Assert.All(values, v => Assert.StartsWith("74230", v.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.Equal(Enumerable.Range(742_300_001, values.Length), values);
        }
    }

    [Fact]
    public void Drift_metrics_follow_the_enum_order_with_sixteen_options()
    {
        var metric = OptionSetOf("cpc_driftrule", "cpc_metric");

        // New metrics go at the end: an option's value is its position, and values already in customers' rows must not move.
        Assert.Equal(16, OptionValues(metric).Length);
        Assert.Equal("Siloed journey", Labels(metric)[15]);
        Assert.Equal("Trait prevalence", Labels(metric)[0]);
        Assert.Equal("Messaging depth", Labels(metric)[10]);
        Assert.Equal("Profile coverage", Labels(metric)[11]);
    }

    [Fact]
    public void Trust_signal_labels_are_in_the_mapper_order()
    {
        Assert.Equal(["Peer referral", "Community", "Content", "Sales-led"], Labels(OptionSetOf("contact", "cpc_trustsignals")));
    }

    [Fact]
    public void Messaging_layers_map_to_742300001_through_742300004()
    {
        Assert.Equal([742_300_001, 742_300_002, 742_300_003, 742_300_004], OptionValues(OptionSetOf("cpc_persona", "cpc_reachedlayer")));
    }

    [Fact]
    public void Boolean_column_has_yes_and_no()
    {
        var enabled = PackedSolution.Attribute("cpc_driftrule", "cpc_enabled")!.Element("optionset")!;

        Assert.Equal([1, 0], OptionValues(enabled));
    }

    private static int[] Values<T>(int offset)
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => Choices.From(v, offset))];

    private static IEnumerable<XElement> GlobalOptionSets() => PackedSolution.Customizations.Root!.Element("optionsets")!.Elements("optionset");

    private static XElement OptionSetOf(string table, string column)
    {
        var attribute = PackedSolution.Attribute(table, column) ?? throw new Xunit.Sdk.XunitException($"No column {table}.{column}.");
        var name = attribute.Element("OptionSetName")!.Value;
        return GlobalOptionSets().Single(o => o.Attribute("Name")!.Value == name);
    }

    private static int[] OptionValues(XElement optionSet) =>
        [.. optionSet.Element("options")!.Elements("option").Select(o => int.Parse(o.Attribute("value")!.Value, CultureInfo.InvariantCulture))];

    private static string[] Labels(XElement optionSet) =>
        [.. optionSet.Element("options")!.Elements("option").Select(o => o.Element("labels")!.Element("label")!.Attribute("description")!.Value)];
}
