using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

public sealed class ContactStepsTests
{
    private readonly StepTestKit _kit = new();
    private readonly ContactProfileChangedStep _sut;

    public ContactStepsTests()
    {
        _kit.ServePersonaAndAccount();
        _sut = _kit.ProfileStep();
    }

    [Fact]
    public async Task ProfileChanged_NormalisesComputesFitAndWritesBack()
    {
        PersonSnapshot? snapshot = null;
        await _kit.People.UpsertSnapshotAsync(Arg.Do<PersonSnapshot>(s => snapshot = s), Arg.Any<CancellationToken>());
        JsonObject? written = null;
        await _kit.Client.UpdateAsync("contacts", Guid.Parse(WebhookPayloads.ContactId), Arg.Do<JsonObject>(o => written = o), Arg.Any<string?>(), Arg.Any<CancellationToken>());

        var result = await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact()), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        Assert.NotNull(snapshot);
        Assert.Equal(["burnout", "missing-quota"], snapshot.Profile.Traits[TraitDimension.CoreFear]);
        Assert.Equal(["hit-the-number"], snapshot.Profile.Traits[TraitDimension.Aspiration]);
        Assert.Equal(TrustModes.PeerReferral | TrustModes.Content, snapshot.Profile.Trust);
        Assert.Equal(new AccountProfile("financial-services", 500, "emea"), snapshot.Profile.Account);
        Assert.Equal(WebhookPayloads.PersonaId, snapshot.Profile.PersonaId);
        Assert.Equal("1234567", snapshot.RowVersion);
        // recall 1.5/1.5 = 1, precision 2/3: fit (1 + 2/3) / 2.
        Assert.Equal(0.8333, snapshot.Fit);
        Assert.NotNull(written);
        Assert.Equal(0.8333, written["cpc_personafit"]!.GetValue<double>());
        var summary = written["cpc_insightsummary"]!.GetValue<string>();
        Assert.Contains("2 of 3 traits match", summary, StringComparison.Ordinal);
        Assert.Contains("stops at layer 2", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("burnout", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("2026-11-23T12:00:00Z", written["cpc_fitupdatedon"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProfileChanged_ComputedColumnsUnchanged_WritesNothing()
    {
        string? summary = null;
        await _kit.Client.UpdateAsync("contacts", Arg.Any<Guid>(), Arg.Do<JsonObject>(o => summary = o["cpc_insightsummary"]?.GetValue<string>()), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact()), TestContext.Current.CancellationToken);
        _kit.Client.ClearReceivedCalls();
        _kit.People.ClearReceivedCalls();

        var result = await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact(currentFit: 0.8333m, currentSummary: summary)), TestContext.Current.CancellationToken);

        Assert.Contains("already up to date", result.Message, StringComparison.Ordinal);
        await _kit.Client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _kit.People.Received(1).UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProfileChanged_AboveTheDepthGuard_StoresTheSnapshotButDoesNotWriteBack()
    {
        var result = await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact(depth: 3)), TestContext.Current.CancellationToken);

        Assert.Contains("depth 3", result.Message, StringComparison.Ordinal);
        await _kit.Client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        await _kit.People.Received(1).UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProfileChanged_SizeExceeded_ReadsTheRowBack()
    {
        _kit.Client.RetrieveAsync("contacts", Guid.Parse(WebhookPayloads.ContactId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse($$"""{ "@odata.etag": "W/\"9\"", "cpc_corefears": "burnout", "_cpc_personaid_value": "{{WebhookPayloads.PersonaId}}" }""")!.AsObject());
        var context = WebhookContextReader.Read(WebhookPayloads.SizeExceededUpdate, new Dictionary<string, string> { [WebhookContextReader.SizeExceededHeader] = "true" });

        var result = await _sut.ExecuteAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        await _kit.People.Received(1).UpsertSnapshotAsync(Arg.Is<PersonSnapshot>(s => s.RowVersion == "W/\"9\"" && s.Profile.Traits.Contains(TraitDimension.CoreFear, "burnout")), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProfileChanged_TooLongTrait_IsReportedInTheSummaryWithoutItsText()
    {
        string? summary = null;
        await _kit.Client.UpdateAsync("contacts", Arg.Any<Guid>(), Arg.Do<JsonObject>(o => summary = o["cpc_insightsummary"]?.GetValue<string>()), Arg.Any<string?>(), Arg.Any<CancellationToken>());

        await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact(fears: "secret " + new string('x', 150))), TestContext.Current.CancellationToken);

        Assert.Contains("1 trait entry could not be used", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileChanged_OlderDelivery_WritesNothingBack()
    {
        _kit.People.UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>()).Returns(SnapshotWriteResult.Older);

        var result = await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact()), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Skipped, result.Outcome);
        await _kit.Client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ProfileChanged_DuplicateAfterAFailedWriteBack_WritesItNow()
    {
        _kit.People.UpsertSnapshotAsync(Arg.Any<PersonSnapshot>(), Arg.Any<CancellationToken>()).Returns(SnapshotWriteResult.Duplicate);
        _kit.Client.RetrieveAsync("contacts", Guid.Parse(WebhookPayloads.ContactId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(new JsonObject { ["cpc_personafit"] = null, ["cpc_insightsummary"] = null });

        var result = await _sut.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.CreateContact()), TestContext.Current.CancellationToken);

        Assert.Contains("wrote back", result.Message, StringComparison.Ordinal);
        await _kit.Client.Received(1).UpdateAsync("contacts", Guid.Parse(WebhookPayloads.ContactId), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ContactDeleted_ErasesThePerson()
    {
        var step = _kit.DeletedStep();

        var result = await step.ExecuteAsync(WebhookContextReader.Read(WebhookPayloads.DeleteContact), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        await _kit.People.Received(1).WriteTombstoneAsync(WebhookPayloads.ContactId, Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Dispatcher_RoutesByMessageTableAndStage()
    {
        var dispatcher = new PluginStepDispatcher([_sut, _kit.DeletedStep()]);

        var deleted = await dispatcher.DispatchAsync(WebhookContextReader.Read(WebhookPayloads.DeleteContact), TestContext.Current.CancellationToken);
        var unknown = await dispatcher.DispatchAsync(WebhookContextReader.Read(WebhookPayloads.Event("Assign", "contact", 40, 1, "")), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, deleted.Outcome);
        Assert.Equal(StepOutcome.Skipped, unknown.Outcome);
        await _kit.People.Received(1).WriteTombstoneAsync(WebhookPayloads.ContactId, Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }
}
