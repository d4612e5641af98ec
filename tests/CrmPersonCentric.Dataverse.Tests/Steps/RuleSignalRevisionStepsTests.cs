using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

public sealed class RuleSignalRevisionStepsTests
{
    private const string RevisionId = "9a81597f-0f9f-e711-8122-000d3aa2331c";
    private readonly StepTestKit _kit = new();

    private static string Attr(string key, string value) => $$"""{ "key": "{{key}}", "value": {{value}} }""";

    private static string Option(int value) => $$"""{ "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": {{value}} }""";

    private static string Reference(string table, string id) => $$"""{ "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{id}}", "LogicalName": "{{table}}" }""";

    private static readonly string ValidRule = string.Join(",", Attr("cpc_key", "\"stale\""), Attr("cpc_metric", Option(742300002)), Attr("cpc_threshold", "0.4"),
        Attr("cpc_minimumsample", "60"), Attr("cpc_windowdays", "90"), Attr("cpc_severity", Option(742300002)));

    [Fact]
    public async Task DriftRule_Valid_IsAccepted()
    {
        var step = _kit.RuleStep();

        var result = await step.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_driftrule", 10, 0, ValidRule)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
    }

    [Fact]
    public async Task DriftRule_ThresholdOutOfRange_IsRejectedNamingTheField()
    {
        var step = _kit.RuleStep();
        var body = WebhookPayloads.Event("Update", "cpc_driftrule", 10, 0, Attr("cpc_threshold", "1.5"), preImageAttributes: ValidRule);

        var result = await step.ExecuteAsync(WebhookContextReader.Read(body), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Rejected, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal("rule 'stale' threshold", error.Field);
        Assert.Contains("1.5 is outside (0, 1]", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.3", StepOutcome.Completed)]
    [InlineData("1.5", StepOutcome.Rejected)]
    public async Task DriftRule_UpdateWithoutTheRegisteredPreImage_ValidatesAgainstTheStoredRow(string threshold, StepOutcome expected)
    {
        var step = _kit.RuleStep();
        const string ruleId = "7e81597f-0f9f-e711-8122-000d3aa2331c";
        _kit.Client.RetrieveAsync("cpc_driftrules", Guid.Parse(ruleId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse("""{ "@odata.etag": "W/\"12\"", "cpc_key": "stale", "cpc_metric": 742300002, "cpc_threshold": 0.4, "cpc_minimumsample": 60, "cpc_windowdays": 90, "cpc_severity": 742300002 }""")!.AsObject());
        // A synchronous step gets no automatic image; this delivery carries no image at all.
        var body = WebhookPayloads.Event("Update", "cpc_driftrule", 10, 0, Attr("cpc_threshold", threshold), id: ruleId);

        var result = await step.ExecuteAsync(WebhookContextReader.Read(body), TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Outcome);
        await _kit.Client.Received(1).RetrieveAsync("cpc_driftrules", Guid.Parse(ruleId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>());
        if (expected == StepOutcome.Rejected)
        {
            Assert.Equal("rule 'stale' threshold", Assert.Single(result.Errors).Field);
        }
        else
        {
            Assert.Contains("read back through the Web API", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DriftRule_MissingMetric_NamesTheColumn()
    {
        var step = _kit.RuleStep();

        var result = await step.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_driftrule", 10, 0, Attr("cpc_key", "\"x\""))), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "cpc_metric");
    }

    [Fact]
    public async Task Signal_IsRecorded_AndOneWithoutItsLayerIsRejected()
    {
        var step = _kit.SignalStep();
        var common = string.Join(",", Attr("cpc_contactid", Reference("contact", WebhookPayloads.ContactId)), Attr("cpc_type", Option(742300006)), Attr("cpc_occurredon", "\"/Date(1762000000000)/\""));

        var rejected = await step.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_behavioursignal", 40, 1, common)), TestContext.Current.CancellationToken);
        var recorded = await step.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_behavioursignal", 40, 1, common + "," + Attr("cpc_layer", Option(742300004)))), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Rejected, rejected.Outcome);
        Assert.Contains(rejected.Errors, e => e.Field == "cpc_layer");
        Assert.Equal(StepOutcome.Completed, recorded.Outcome);
        await _kit.Signals.Received(1).RecordSignalAsync(
            Arg.Is<BehaviourSignal>(s => s.ContactId == WebhookPayloads.ContactId && s.Type == BehaviourType.MessagingResponse && s.Layer == MessagingLayer.DeepPersonalDesire && s.OccurredOn == DateTimeOffset.FromUnixTimeMilliseconds(1762000000000)),
            Arg.Any<CancellationToken>());
    }

    private PersonaRevisionDecidedStep Revisions(int currentDecision)
    {
        _kit.Client.RetrieveAsync("cpc_personarevisions", Guid.Parse(RevisionId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(new JsonObject { ["cpc_decision"] = currentDecision });
        return _kit.RevisionStep();
    }

    private static string Revision(int decision, int type = 742300001, string subject = "being-replaced-by-ai") => WebhookPayloads.Event("Update", "cpc_personarevision", 40, 1,
        Attr("cpc_decision", Option(decision)),
        postImageAttributes: string.Join(",", Attr("cpc_key", "\"AddTrait:p:corefears:being-replaced-by-ai\""), Attr("cpc_personaid", Reference("cpc_persona", WebhookPayloads.PersonaId)),
            Attr("cpc_type", Option(type)), Attr("cpc_dimension", Option(742300002)), Attr("cpc_subject", $"\"{subject}\""), Attr("cpc_proposedvalue", "0.4"), Attr("cpc_decision", Option(decision))),
        id: RevisionId);

    [Fact]
    public async Task Revision_Accepted_AppliesANewPersonaVersionWithItsChangeLog()
    {
        _kit.ServePersonaAndAccount();
        JsonObject? persona = null;
        await _kit.Client.UpdateAsync("cpc_personas", Guid.Parse(WebhookPayloads.PersonaId), Arg.Do<JsonObject>(o => persona = o), "W/\"100\"", Arg.Any<CancellationToken>());

        var result = await Revisions(742300002).ExecuteAsync(WebhookContextReader.Read(Revision(742300002)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        Assert.NotNull(persona);
        Assert.Equal(3, persona["cpc_version"]!.GetValue<int>());
        Assert.Contains("being-replaced-by-ai", persona["cpc_declaredtraits"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("missing-quota", persona["cpc_declaredtraits"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("v2 (2026-10-01): created\nv3 (2026-11-23): added corefears 'being-replaced-by-ai' at 0.4 [AddTrait:p:corefears:being-replaced-by-ai]", persona["cpc_changelog"]!.GetValue<string>());
        await _kit.Client.Received(1).UpdateAsync("cpc_personarevisions", Guid.Parse(RevisionId), Arg.Is<JsonObject>(o => o["cpc_decision"]!.GetValue<int>() == 742300004), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revision_Rejected_SuppressesEquivalentSuggestions()
    {
        var result = await Revisions(742300003).ExecuteAsync(WebhookContextReader.Read(Revision(742300003)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        await _kit.Suppressions.Received(1).SuppressAsync("AddTrait:p:corefears:being-replaced-by-ai", StepTestKit.Now.AddDays(90), Arg.Any<CancellationToken>());
        await _kit.Client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revision_ReplayedAfterItWasApplied_IsSkipped()
    {
        // The event's image still says Accepted; the row now says Applied.
        var result = await Revisions(742300004).ExecuteAsync(WebhookContextReader.Read(Revision(742300002)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Skipped, result.Outcome);
        await _kit.Client.DidNotReceive().RetrieveAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revision_AppliedButNotMarked_IsMarkedNotAppliedTwice()
    {
        var row = DataverseRows.Persona();
        row["cpc_changelog"] = "v3 (2026-11-22): added corefears 'being-replaced-by-ai' at 0.4 [AddTrait:p:corefears:being-replaced-by-ai]";
        _kit.Client.RetrieveAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>()).Returns(row);

        var result = await Revisions(742300002).ExecuteAsync(WebhookContextReader.Read(Revision(742300002)), TestContext.Current.CancellationToken);

        Assert.Contains("Already applied", result.Message, StringComparison.Ordinal);
        await _kit.Client.DidNotReceive().UpdateAsync("cpc_personas", Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _kit.Client.Received(1).UpdateAsync("cpc_personarevisions", Guid.Parse(RevisionId), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Revision_AcceptedSplit_LeavesTheDefinitionAlone()
    {
        _kit.ServePersonaAndAccount();

        var result = await Revisions(742300002).ExecuteAsync(WebhookContextReader.Read(Revision(742300002, type: 742300004)), TestContext.Current.CancellationToken);

        Assert.Contains("Nothing to apply", result.Message, StringComparison.Ordinal);
        await _kit.Client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Mapping_ConfigurationIsValid()
    {
        DataverseMapper.CreateConfiguration().AssertConfigurationIsValid();
    }

    [Fact]
    public void Catalog_HasUniqueNamesAndFiltersOnlyUpdates()
    {
        Assert.Equal(StepCatalog.All.Length, StepCatalog.All.Select(s => s.Name).Distinct().Count());
        Assert.All(StepCatalog.All.Where(s => s.Message != "Update"), s => Assert.True(s.FilteringAttributes.IsDefaultOrEmpty));
        Assert.All(StepCatalog.All.Where(s => s.Mode == StepMode.Synchronous), s => Assert.NotEqual(StepStage.PostOperation, s.Stage));
        Assert.DoesNotContain(StepCatalog.All.Single(s => s.Name.EndsWith("contact profile changed", StringComparison.Ordinal)).FilteringAttributes, a => a == "cpc_personafit" || a == "cpc_insightsummary");
    }
}
