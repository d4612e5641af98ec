using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Functions.Services;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Import.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

public sealed class SignalsEvaluationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly FakeDataverse _dataverse = new();
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory(azurite.Storage.ConnectionString, _dataverse);

    public void Dispose() => _app?.Dispose();

    [Fact]
    public async Task Signals_Json_AcceptsTheValidAndNamesEachProblem()
    {
        var contact = Guid.NewGuid();
        var body = $$"""
            [ { "signalId": "evt-1", "contactId": "{{contact}}", "type": "eventAttendance", "occurredOn": "2026-11-01T10:00:00Z", "theme": "summit" },
              { "signalId": "evt-2", "contactId": "not-a-guid", "type": "waving", "occurredOn": "yesterday" },
              { "signalId": "msg-1", "contactId": "{{contact}}", "type": "messagingResponse", "occurredOn": "2026-11-02T10:00:00Z" } ]
            """;

        var response = await App.Client().PostAsync("/api/signals", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result.RootElement.GetProperty("accepted").GetInt32());
        var rejected = result.RootElement.GetProperty("rejected").EnumerateArray().Select(e => (e.GetProperty("record").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "contactId"), rejected);
        Assert.Contains((2, "type"), rejected);
        Assert.Contains((2, "occurredOn"), rejected);
        Assert.Contains((3, "layer"), rejected);
    }

    [Fact]
    public async Task Signals_Csv_IsAcceptedAndIdempotent()
    {
        var contact = Guid.NewGuid();
        var csv = $"signalid,contactid,type,occurredon,theme,layer\ncsv-1,{contact},referral,2026-11-01T10:00:00Z,,\ncsv-2,{contact},messagingResponse,2026-11-03T10:00:00Z,personal-story,4\n";

        for (var i = 0; i < 2; i++)
        {
            var response = await App.Client().PostAsync("/api/signals", new StringContent(csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var stored = new List<Model.BehaviourSignal>();
        await foreach (var s in App.Services.GetRequiredService<SnapshotStore>().SignalsSinceAsync(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken))
        {
            if (s.ContactId == contact.ToString("D"))
            {
                stored.Add(s);
            }
        }

        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, s => s.Layer == Model.MessagingLayer.DeepPersonalDesire);
    }

    [Fact]
    public async Task Signals_AllInvalid_Is400()
    {
        var response = await App.Client().PostAsync("/api/signals", new StringContent("[{\"signalId\":\"x\"}]", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Evaluation_WritesFindingsAndSuggestionsOnce_AndReRunsWithoutDuplicates()
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.25, UntaggedPeople = 0, ExportedOn = DateTimeOffset.UtcNow });
        var ids = data.Personas.ToDictionary(p => p.Id, _ => Guid.NewGuid());
        foreach (var persona in data.Personas)
        {
            var row = PersonaRowMapper.ToColumns(persona with { Id = ids[persona.Id].ToString("D") });
            row["cpc_personaid"] = ids[persona.Id].ToString("D");
            row["_ownerid_value"] = Guid.NewGuid().ToString("D");
            _dataverse.Add("cpc_personas", row, ids[persona.Id]);
        }

        var store = App.Services.GetRequiredService<SnapshotStore>();
        foreach (var profile in data.Profiles)
        {
            await store.UpsertSnapshotAsync(new PersonSnapshot(profile with { PersonaId = ids[profile.PersonaId!].ToString("D") }, null, "1", profile.ProfileUpdatedOn), TestContext.Current.CancellationToken);
        }

        await store.RecordSignalsAsync(data.Signals, TestContext.Current.CancellationToken);
        var admin = App.Client(AppFactory.MasterKey);

        var first = await admin.PostAsync("/api/admin/evaluate", null, TestContext.Current.CancellationToken);
        var firstSummary = await first.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        var findings = _dataverse.Set("cpc_driftfindings").Count;
        var revisions = _dataverse.Set("cpc_personarevisions").Count;
        var second = await (await admin.PostAsync("/api/admin/evaluate", null, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("completed", firstSummary!["outcome"]!.GetValue<string>());
        Assert.True(firstSummary["driftFindings"]!.GetValue<int>() > 0);
        Assert.True(findings > 0);
        Assert.True(revisions > 0);
        Assert.Equal(findings, _dataverse.Set("cpc_driftfindings").Count);
        Assert.Equal(revisions, _dataverse.Set("cpc_personarevisions").Count);
        Assert.Equal(0, second!["written"]!["suggestionsCreated"]!.GetValue<int>());
        Assert.Contains(_dataverse.Set("cpc_driftfindings").Values, r => r["cpc_key"]!.GetValue<string>().Contains("persona-split", StringComparison.Ordinal));
        var runs = await App.Services.GetRequiredService<RunStore>().RecentRunsAsync(5, TestContext.Current.CancellationToken);
        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task Evaluation_WhileAnotherRunHoldsTheLease_IsSkipped()
    {
        var runs = App.Services.GetRequiredService<RunStore>();
        var token = await runs.TryAcquireLeaseAsync(EvaluationService.LeaseName, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.NotNull(token);

        var response = await App.Client(AppFactory.MasterKey).PostAsync("/EvaluateDrift", new StringContent("""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await runs.ReleaseLeaseAsync(EvaluationService.LeaseName, token, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.RootElement.TryGetProperty("outputs", out _) || body.RootElement.TryGetProperty("Outputs", out _));
        Assert.Contains("skipped", body.RootElement.ToString(), StringComparison.Ordinal);
        Assert.Empty(_dataverse.Upserts);
    }

    [Fact]
    public async Task Reconcile_RepairsStaleSnapshots_AndErasesContactsDataverseNoLongerHas()
    {
        _dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        var store = App.Services.GetRequiredService<SnapshotStore>();
        var kept = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var profile = new Model.PersonProfile(deleted.ToString("D"), WebhookPayloads.PersonaId, Model.TraitSet.Create(coreFears: ["burnout"]), null, null, Model.TrustModes.None, Model.AccountProfile.Unknown, DateTimeOffset.UtcNow);
        await store.UpsertSnapshotAsync(new PersonSnapshot(profile, null, "5", profile.ProfileUpdatedOn), TestContext.Current.CancellationToken);
        _dataverse.Add("contacts", new JsonObject
        {
            ["contactid"] = kept.ToString("D"),
            ["cpc_corefears"] = "Missing quota",
            ["_cpc_personaid_value"] = WebhookPayloads.PersonaId,
            ["versionnumber"] = 42,
            ["modifiedon"] = "2026-11-20T10:00:00Z",
        }, kept);

        var response = await App.Client(AppFactory.MasterKey).PostAsync("/api/admin/reconcile", null, TestContext.Current.CancellationToken);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        var profiles = new List<Model.PersonProfile>();
        await foreach (var p in store.ProfilesAsync(TestContext.Current.CancellationToken))
        {
            profiles.Add(p);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result!["repaired"]!.GetValue<int>());
        Assert.Equal(1, result["erasedContacts"]!.GetValue<int>());
        Assert.Contains(profiles, p => p.ContactId == kept.ToString("D") && p.Traits.Contains(Model.TraitDimension.CoreFear, "missing-quota"));
        Assert.DoesNotContain(profiles, p => p.ContactId == deleted.ToString("D"));
        Assert.True(await store.IsErasedAsync(deleted.ToString("D"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WeeklyReport_InStandalone_WritesOneReportPerOwner()
    {
        _dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));

        var response = await App.Client(AppFactory.MasterKey).PostAsync("/WeeklyReport", new StringContent("""{"Data":{"timer":"{\"IsPastDue\":false}"},"Metadata":{}}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var folder = Path.Combine(Path.GetTempPath(), App.Prefix);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Assert.Single(Directory.GetFiles(folder, "*.html", SearchOption.AllDirectories));
        Assert.Contains("Sales Director", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
