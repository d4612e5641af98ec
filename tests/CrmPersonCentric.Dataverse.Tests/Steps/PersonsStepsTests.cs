using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

/// <summary>Persons over averages on the Dataverse side: signals with their function and referred contact; the persona depth step.</summary>
public sealed class PersonsStepsTests
{
    private const string PersonaId = "5b81597f-0f9f-e711-8122-000d3aa2331c";
    private const string ReferredId = "6c81597f-0f9f-e711-8122-000d3aa2331c";
    private readonly StepTestKit _kit = new();

    private static string Attr(string key, string value) => $$"""{ "key": "{{key}}", "value": {{value}} }""";

    private static string Option(int value) => $$"""{ "__type": "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts", "Value": {{value}} }""";

    private static string Reference(string table, string id) => $$"""{ "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{id}}", "LogicalName": "{{table}}" }""";

    private static string Text(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public async Task Referral_KeepsItsFunctionAndTheReferredContact()
    {
        var attributes = string.Join(",",
            Attr("cpc_contactid", Reference("contact", WebhookPayloads.ContactId)), Attr("cpc_type", Option(742300002)),
            Attr("cpc_occurredon", "\"/Date(1762000000000)/\""), Attr("cpc_source", Option(742300005)), Attr("cpc_relatedcontactid", Reference("contact", ReferredId)));

        var result = await _kit.SignalStep().ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_behavioursignal", 40, 1, attributes)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        await _kit.Signals.Received(1).RecordSignalAsync(
            Arg.Is<BehaviourSignal>(s => s.Type == BehaviourType.Referral && s.Source == SignalSource.CustomerSuccess && s.RelatedContactId == ReferredId),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task AReferredContact_OnAnythingButAReferral_IsRejectedNamingTheColumn()
    {
        var attributes = string.Join(",",
            Attr("cpc_contactid", Reference("contact", WebhookPayloads.ContactId)), Attr("cpc_type", Option(742300003)),
            Attr("cpc_occurredon", "\"/Date(1762000000000)/\""), Attr("cpc_relatedcontactid", Reference("contact", ReferredId)));

        var result = await _kit.SignalStep().ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.Event("Create", "cpc_behavioursignal", 40, 1, attributes)), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "cpc_relatedcontactid");
    }

    [Fact]
    public async Task DepthStep_WritesTheCheckAndTheRevisionDate_OntoThePersona()
    {
        var sterile = string.Join(",",
            Attr("cpc_name", Text("Innovation-Loving Decision Maker")), Attr("cpc_version", "1"), Attr("cpc_reachedlayer", Option(742300001)),
            Attr("cpc_corporatevision", Text("Innovation that drives efficiency")),
            Attr("cpc_declaredtraits", Text("""[{"dimension":"aspiration","trait":"Innovation","expectedPrevalence":0.8},{"dimension":"aspiration","trait":"be efficient","expectedPrevalence":0.7}]""")),
            Attr("ownerid", Reference("systemuser", "1a81597f-0f9f-e711-8122-000d3aa2331c")));
        var step = new PersonaDefinitionChangedStep(_kit.Personas, FixedTaxonomySource.Default, _kit.Time);
        JsonObject? written = null;
        await _kit.Client.UpdateAsync("cpc_personas", Guid.Parse(PersonaId), Arg.Do<JsonObject>(c => written = c), Arg.Any<string?>(), Arg.Any<CancellationToken>());

        var body = WebhookPayloads.Event("Update", "cpc_persona", 40, 1, sterile, postImageAttributes: sterile, id: PersonaId)
            .Replace("\"Depth\": 1,", "\"Depth\": 1, \"OperationCreatedOn\": \"/Date(1506409448000)/\",", StringComparison.Ordinal);
        var result = await step.ExecuteAsync(WebhookContextReader.Read(body), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        Assert.Contains("no-core-fears", result.Message, StringComparison.Ordinal);
        Assert.Contains("generic-traits", result.Message, StringComparison.Ordinal);
        Assert.NotNull(written);
        var check = written![Schema.Tables.Persona.DepthCheck]!.GetValue<string>();
        Assert.Contains("No core fears are declared. What to do:", check, StringComparison.Ordinal);
        Assert.Contains("Innovation, Efficiency", check, StringComparison.Ordinal);
        // The revision date is the save's (the operation's time in the payload), not when the delivery ran.
        var saved = DateTimeOffset.FromUnixTimeMilliseconds(1506409448000).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(saved, written[Schema.Tables.Persona.RevisedOn]!.GetValue<string>());
        Assert.DoesNotContain(written, c => Schema.Tables.Persona.Definition.Contains(c.Key)); // no filtering attribute: the write triggers nothing
    }

    [Fact]
    public void DepthStep_FiltersOnTheDefinitionColumns_AndIsAsynchronous()
    {
        var update = Assert.Single(PersonaDefinitionChangedStep.Declared, r => r.Message == "Update");
        Assert.Equal(StepMode.Asynchronous, update.Mode);
        Assert.Equal(Schema.Tables.Persona.Definition, update.FilteringAttributes);
        Assert.DoesNotContain(Schema.Tables.Persona.DepthCheck, update.FilteringAttributes);
        Assert.Contains(StepCatalog.Packaged, r => r.Name == update.Name);
    }
}
