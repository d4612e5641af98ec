using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Functions.Triggers;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>Signal ingestion, evaluation, reconciliation and the weekly report, through their function classes over real Azurite.</summary>
public sealed class SignalsEvaluationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestBackend _backend = null!;

    public ValueTask InitializeAsync()
    {
        _backend = new TestBackend(azurite.Storage);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private FakeDataverse Dataverse => _backend.Dataverse;

    private async Task<HttpAnswer> PostSignalsAsync(string body, string contentType = "application/json")
    {
        var request = HttpCall.Post(body, contentType);
        return await HttpCall.AnswerAsync(request, await _backend.Function<IngestSignalsFunction>().RunAsync(request, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Signals_Json_AcceptsTheValidAndNamesEachProblem()
    {
        var contact = Guid.NewGuid();
        var body = $$"""
            [ { "signalId": "evt-1", "contactId": "{{contact}}", "type": "eventAttendance", "occurredOn": "2026-11-01T10:00:00Z", "theme": "summit" },
              { "signalId": "evt-2", "contactId": "not-a-guid", "type": "waving", "occurredOn": "yesterday" },
              { "signalId": "msg-1", "contactId": "{{contact}}", "type": "messagingResponse", "occurredOn": "2026-11-02T10:00:00Z" } ]
            """;

        var answer = await PostSignalsAsync(body);
        using var result = JsonDocument.Parse(answer.Body);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, result.RootElement.GetProperty("accepted").GetInt32());
        var rejected = result.RootElement.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("record").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "contactId"), rejected);
        Assert.Contains((2, "type"), rejected);
        Assert.Contains((2, "occurredOn"), rejected);
        Assert.Contains((3, "layer"), rejected);
    }

    [Fact]
    public async Task Signals_KeepTheirFunctionAndReferredContact_AndBadOnesAreNamed()
    {
        var contact = Guid.NewGuid();
        var referred = Guid.NewGuid();
        var body = $$"""
            [ { "signalId": "ref-1", "contactId": "{{contact}}", "type": "referral", "occurredOn": "2026-11-01T10:00:00Z", "source": "Customer Success", "relatedContactId": "{{referred}}" },
              { "signalId": "ref-2", "contactId": "{{contact}}", "type": "advocacy", "occurredOn": "2026-11-01T10:00:00Z", "source": "partners", "relatedContactId": "{{referred}}" },
              { "signalId": "ref-3", "contactId": "{{contact}}", "type": "referral", "occurredOn": "2026-11-01T10:00:00Z", "relatedContactId": "{{contact}}" } ]
            """;

        var answer = await PostSignalsAsync(body);
        using var result = JsonDocument.Parse(answer.Body);

        Assert.Equal(1, result.RootElement.GetProperty("accepted").GetInt32());
        var rejected = result.RootElement.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("record").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "source"), rejected);
        Assert.Contains((2, "relatedContactId"), rejected);
        Assert.Contains((3, "relatedContactId"), rejected);
        var stored = new List<Model.BehaviourSignal>();
        await foreach (var s in _backend.Services.GetRequiredService<SignalStore>().SignalsSinceAsync(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken))
        {
            if (s.ContactId == contact.ToString("D"))
            {
                stored.Add(s);
            }
        }

        var signal = Assert.Single(stored);
        // Storage keeps a pseudonym of the referred person, never their id: it still counts them once.
        Assert.Equal((Model.SignalSource.CustomerSuccess, Drift.Population.BehaviourSummary.Pseudonymise(referred.ToString("D"))), (signal.Source, signal.RelatedContactId));
        Assert.DoesNotContain(referred.ToString("D"), signal.RelatedContactId!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Drift.Population.BehaviourSummary.ContactHash(referred.ToString("D")), Drift.Population.BehaviourSummary.ContactHash(signal.RelatedContactId!));
    }

    [Fact]
    public async Task Signals_Csv_IsAcceptedAndIdempotent()
    {
        var contact = Guid.NewGuid();
        var csv = $"signalid,contactid,type,occurredon,theme,layer\ncsv-1,{contact},referral,2026-11-01T10:00:00Z,,\ncsv-2,{contact},messagingResponse,2026-11-03T10:00:00Z,personal-story,4\n";

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (await PostSignalsAsync(csv, "text/csv")).Status);
        }

        var stored = new List<Model.BehaviourSignal>();
        await foreach (var s in _backend.Services.GetRequiredService<SignalStore>().SignalsSinceAsync(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken))
        {
            if (s.ContactId == contact.ToString("D"))
            {
                stored.Add(s);
            }
        }

        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, s => s.Layer == Model.MessagingLayer.DeepPersonalDesire);
    }

    [Theory]
    [InlineData("[{\"signalId\":\"x\"}]", "application/json", "\"rejected\"")]
    [InlineData("{ not json", "application/json", "Unreadable signals")]
    [InlineData("signalid,contactid\n\"unclosed", "text/csv", "Unreadable signals")]
    [InlineData("signalid,contactid\n\"unclosed", "text/csv", "field type: the column is missing from the header")]
    [InlineData("signalid,contactid,type,occurredon\ns1,c1,referral,2026-11-01,extra", "text/csv", "line 2: has 5 values where the header has 4 columns")]
    public async Task Signals_Invalid_Is400NamingTheProblem(string body, string contentType, string expected)
    {
        var answer = await PostSignalsAsync(body, contentType);

        Assert.Equal(400, answer.Status);
        Assert.Contains(expected, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_WritesFindingsAndSuggestionsOnce_InBatches_AndReRunsWithoutDuplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.25, UntaggedPeople = 0, ExportedOn = DateTimeOffset.UtcNow });
        var ids = data.Personas.ToDictionary(p => p.Id, _ => Guid.NewGuid());
        foreach (var persona in data.Personas)
        {
            var row = PersonaRowMapper.ToColumns(persona with { Id = ids[persona.Id].ToString("D") });
            row["cpc_personaid"] = ids[persona.Id].ToString("D");
            row["_ownerid_value"] = Guid.NewGuid().ToString("D");
            Dataverse.Add("cpc_personas", row, ids[persona.Id]);
        }

        var people = _backend.Services.GetRequiredService<PeopleStore>();
        foreach (var profile in data.Profiles)
        {
            await people.UpsertSnapshotAsync(new PersonSnapshot(profile with { PersonaId = ids[profile.PersonaId!].ToString("D") }, null, "1", profile.ProfileUpdatedOn), ct);
        }

        await _backend.Services.GetRequiredService<SignalStore>().RecordSignalsAsync(data.Signals, ct);

        var first = (EvaluationSummary)((Microsoft.AspNetCore.Mvc.ObjectResult)await _backend.Function<EvaluateDriftNowFunction>().RunAsync(HttpCall.Request("POST"), ct)).Value!;
        var findings = Dataverse.Set("cpc_driftfindings").Count;
        var revisions = Dataverse.Set("cpc_personarevisions").Count;
        var batches = Dataverse.Batches.Count;
        var second = (EvaluationSummary)((Microsoft.AspNetCore.Mvc.ObjectResult)await _backend.Function<EvaluateDriftNowFunction>().RunAsync(HttpCall.Request("POST"), ct)).Value!;

        Assert.Equal("completed", first.Outcome);
        Assert.True(first.DriftFindings > 0);
        Assert.True(findings > 0);
        Assert.True(revisions > 0);
        Assert.InRange(batches, 1, (findings + revisions) / 2);
        Assert.All(Dataverse.Batches, b => Assert.InRange(b.Count, 1, 100));
        Assert.Equal(findings, Dataverse.Set("cpc_driftfindings").Count);
        Assert.Equal(revisions, Dataverse.Set("cpc_personarevisions").Count);
        Assert.Equal(0, second.Written!.SuggestionsCreated);
        Assert.Contains(Dataverse.Set("cpc_driftfindings").Values, r => r["cpc_key"]!.GetValue<string>().Contains("persona-split", StringComparison.Ordinal));
        Assert.Equal(2, (await _backend.Services.GetRequiredService<RunStore>().RecentRunsAsync(5, ct)).Count);
    }

    [Fact]
    public async Task EvaluationTimer_WhileAnotherRunHoldsTheLease_IsSkipped()
    {
        var leases = _backend.Services.GetRequiredService<LeaseStore>();
        var token = await leases.TryAcquireAsync(EvaluateDrift.LeaseName, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.NotNull(token);

        await _backend.Function<EvaluateDriftFunction>().RunAsync(new TimerInfo(), TestContext.Current.CancellationToken);
        await leases.ReleaseAsync(EvaluateDrift.LeaseName, token, TestContext.Current.CancellationToken);

        Assert.Empty(Dataverse.Upserts);
        Assert.Empty(Dataverse.Batches);
        Assert.Contains(_backend.Logs, l => l.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_RepairsStaleSnapshots_WritesBackWrongColumns_AndErasesContactsDataverseNoLongerHas()
    {
        var ct = TestContext.Current.CancellationToken;
        Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        var people = _backend.Services.GetRequiredService<PeopleStore>();
        var stale = Guid.NewGuid();
        var current = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var untagged = Guid.NewGuid();
        var profile = new Model.PersonProfile(deleted.ToString("D"), WebhookPayloads.PersonaId, Model.TraitSet.Create(coreFears: ["burnout"]), null, null, Model.TrustModes.None, Model.AccountProfile.Unknown, DateTimeOffset.UtcNow);
        await people.UpsertSnapshotAsync(new PersonSnapshot(profile, null, "5", profile.ProfileUpdatedOn), ct);
        Dataverse.Add("contacts", Contact(stale, "Missing quota", 42), stale);
        Dataverse.Add("contacts", Contact(untagged, "Burnout", 7, persona: null), untagged);

        // The snapshot of this one is current, but its computed columns were never written (a failed write-back).
        Dataverse.Add("contacts", Contact(current, "Burnout", 9), current);
        await people.UpsertSnapshotAsync(new PersonSnapshot(profile with { ContactId = current.ToString("D"), Traits = Model.TraitSet.Create(coreFears: ["burnout"]) }, null, "9", profile.ProfileUpdatedOn), ct);

        var result = (ReconciliationResult)((Microsoft.AspNetCore.Mvc.ObjectResult)await _backend.Function<ReconcileNowFunction>().RunAsync(HttpCall.Request("POST"), ct)).Value!;
        var profiles = new List<Model.PersonProfile>();
        await foreach (var p in people.ProfilesAsync(ct))
        {
            profiles.Add(p);
        }

        Assert.Equal(2, result.Checked);
        Assert.Equal(1, result.Repaired);
        Assert.Equal(2, result.WrittenBack);
        Assert.Equal(1, result.ErasedContacts);
        Assert.Contains(profiles, p => p.ContactId == stale.ToString("D") && p.Traits.Contains(Model.TraitDimension.CoreFear, "missing-quota"));
        Assert.DoesNotContain(profiles, p => p.ContactId == deleted.ToString("D"));
        Assert.DoesNotContain(profiles, p => p.ContactId == untagged.ToString("D"));
        Assert.True(await people.IsErasedAsync(deleted.ToString("D"), ct));
        Assert.NotNull(Dataverse.Set("contacts")[current]["cpc_insightsummary"]);

        Assert.Equal(("completed", 0), (result.Outcome, result.Failed));

        // A second run finds everything in place: nothing repaired, nothing written.
        var again = (ReconciliationResult)((Microsoft.AspNetCore.Mvc.ObjectResult)await _backend.Function<ReconcileNowFunction>().RunAsync(HttpCall.Request("POST"), ct)).Value!;
        Assert.Equal((0, 0), (again.Repaired, again.WrittenBack));
    }

    [Fact]
    public async Task Reconcile_AContactThatFails_IsCountedAndTheOthersAreRepaired_AndRunsDoNotOverlap()
    {
        var ct = TestContext.Current.CancellationToken;
        Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        var good = Guid.NewGuid();
        var failing = Guid.NewGuid();
        var people = _backend.Services.GetRequiredService<PeopleStore>();
        var profile = new Model.PersonProfile(failing.ToString("D"), WebhookPayloads.PersonaId, Model.TraitSet.Create(coreFears: ["burnout"]), null, null, Model.TrustModes.None, Model.AccountProfile.Unknown, DateTimeOffset.UtcNow);
        await people.UpsertSnapshotAsync(new PersonSnapshot(profile, null, "1", profile.ProfileUpdatedOn), ct);
        Dataverse.Add("contacts", Contact(good, "Burnout", 3), good);
        // The lost-delete check re-reads the untagged-looking contact, and Dataverse fails for it.
        Dataverse.RetrieveFault = (set, id) => set == "contacts" && id == failing ? new Dataverse.WebApi.DataverseException(System.Net.HttpStatusCode.ServiceUnavailable, null, "Unavailable", "r") : null;

        var leases = _backend.Services.GetRequiredService<LeaseStore>();
        var held = await leases.TryAcquireAsync(ReconcileContacts.LeaseName, TimeSpan.FromMinutes(1), ct);
        var skipped = await _backend.Scoped<ReconcileContacts>().RunAsync(ct);
        await leases.ReleaseAsync(ReconcileContacts.LeaseName, held!, ct);
        var result = await _backend.Scoped<ReconcileContacts>().RunAsync(ct);

        Assert.StartsWith("skipped", skipped.Outcome, StringComparison.Ordinal);
        Assert.Equal(("completed with failures", 1, 1), (result.Outcome, result.Checked, result.Failed));
        Assert.Equal(0, result.ErasedContacts);
        Assert.False(await people.IsErasedAsync(failing.ToString("D"), ct));
        Assert.Equal(("3", false), (await people.IndexOfAsync(good.ToString("D"), ct))!.Value);
    }

    [Fact]
    public async Task WeeklyReport_WritesOneReportPerOwner()
    {
        Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));

        await _backend.Function<WeeklyReportFunction>().RunAsync(new TimerInfo(), TestContext.Current.CancellationToken);

        var report = Assert.Single(Directory.GetFiles(_backend.ReportFolder, "report-*.html", SearchOption.AllDirectories));
        Assert.Contains("Sales Director", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The day's index links it (the archive is browsable without knowing the owners' ids).
        var index = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(report)!, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("href=\"" + Path.GetFileName(report) + "\"", index, StringComparison.Ordinal);
    }

    private static JsonObject Contact(Guid id, string fears, int version, string? persona = WebhookPayloads.PersonaId) => new()
    {
        ["contactid"] = id.ToString("D"),
        ["cpc_corefears"] = fears,
        ["_cpc_personaid_value"] = persona,
        ["versionnumber"] = version,
        ["modifiedon"] = "2026-11-20T10:00:00Z",
    };
}
