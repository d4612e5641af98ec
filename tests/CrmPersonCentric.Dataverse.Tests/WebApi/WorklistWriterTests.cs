using System.Net;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class WorklistWriterTests
{
    private static readonly Guid Stale = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Second = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid Deleted = Guid.Parse("00000000-0000-0000-0000-00000000000d");

    private static DriftEvaluation Evaluation(params EnrichmentCandidate[] candidates) =>
        new(DateTimeOffset.UnixEpoch, 0, [], [], [], 0, [new EnrichmentWorklist("persona", [.. candidates], candidates.Length + 10)]);

    private static EnrichmentCandidate Candidate(Guid id, int rank, params TraitDimension[] missing) =>
        new(id.ToString("D"), rank, [.. missing], true, "Only 30% of the 400 people tagged 'Persona' have communities recorded.");

    private static FakeDataverse Seeded()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(ContactTable.EntitySet, new JsonObject { [ContactTable.Id] = Stale.ToString("D"), [ContactTable.EnrichmentRank] = 3, [ContactTable.EnrichmentMissing] = "Core fears" }, Stale);
        dataverse.Add(ContactTable.EntitySet, new JsonObject { [ContactTable.Id] = First.ToString("D") }, First);
        dataverse.Add(ContactTable.EntitySet, new JsonObject { [ContactTable.Id] = Second.ToString("D"), [ContactTable.EnrichmentRank] = 1 }, Second);
        return dataverse;
    }

    [Fact]
    public async Task Worklist_contacts_get_rank_missing_and_why_and_earlier_marks_are_cleared()
    {
        var dataverse = Seeded();
        var writer = new WebApiDriftResultWriter(dataverse);

        var result = await writer.WriteAsync(Evaluation(Candidate(First, 1, TraitDimension.Community, TraitDimension.PeerGroup), Candidate(Second, 2, TraitDimension.CoreFear)), TestContext.Current.CancellationToken);

        var contacts = dataverse.Set(ContactTable.EntitySet);
        Assert.Equal(1, contacts[First][ContactTable.EnrichmentRank]!.GetValue<int>());
        Assert.Equal("Communities; Peer groups", contacts[First][ContactTable.EnrichmentMissing]!.GetValue<string>());
        Assert.StartsWith("Only 30%", contacts[First][ContactTable.EnrichmentNote]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, contacts[Second][ContactTable.EnrichmentRank]!.GetValue<int>());
        Assert.All(ContactTable.Enrichment, column => Assert.Null(contacts[Stale][column]));
        Assert.Equal((2, 1, 0), (result.WorklistContacts, result.WorklistCleared, result.WorklistGone));
    }

    [Fact]
    public async Task Writing_the_same_worklists_again_changes_nothing_more()
    {
        var dataverse = Seeded();
        var writer = new WebApiDriftResultWriter(dataverse);
        var evaluation = Evaluation(Candidate(First, 1, TraitDimension.Community));
        await writer.WriteAsync(evaluation, TestContext.Current.CancellationToken);
        var before = dataverse.Set(ContactTable.EntitySet).ToDictionary(r => r.Key, r => r.Value.ToJsonString());

        var again = await writer.WriteAsync(evaluation, TestContext.Current.CancellationToken);

        Assert.Equal(before, dataverse.Set(ContactTable.EntitySet).ToDictionary(r => r.Key, r => r.Value.ToJsonString()));
        Assert.Equal(0, again.WorklistCleared);
    }

    [Fact]
    public async Task A_contact_deleted_since_its_snapshot_is_skipped_and_the_others_are_still_written()
    {
        var dataverse = Seeded();
        dataverse.UpdateFault = (set, id) => set == ContactTable.EntitySet && id == Deleted
            ? new DataverseException(HttpStatusCode.NotFound, "0x80040217", "contact With Id = ... Does Not Exist", null)
            : null;
        var writer = new WebApiDriftResultWriter(dataverse);

        var result = await writer.WriteAsync(Evaluation(Candidate(First, 1, TraitDimension.Community), Candidate(Deleted, 2, TraitDimension.Community)), TestContext.Current.CancellationToken);

        Assert.Equal(1, dataverse.Set(ContactTable.EntitySet)[First][ContactTable.EnrichmentRank]!.GetValue<int>());
        Assert.False(dataverse.Set(ContactTable.EntitySet).ContainsKey(Deleted));
        Assert.Equal((1, 1), (result.WorklistContacts, result.WorklistGone));
    }

    [Fact]
    public async Task Data_quality_findings_are_written_open_beside_drift()
    {
        var dataverse = new FakeDataverse();
        var evidence = new Evidence(400, 0.3, 0.5, 0.26, 0.35, "coverage", 0.3, null, null, 30, 0.3);
        var quality = new Finding("p:profile-coverage:communities:coverage", "profile-coverage", "p", DriftMetric.ProfileCoverage, TraitDimension.Community, null, null,
            FindingStatus.DataQuality, Severity.Warning, evidence, "The persona is not wrong: its evidence on communities is thin.");
        var evaluation = new DriftEvaluation(DateTimeOffset.UnixEpoch, 0, [], [quality], [], 0, []);

        var result = await new WebApiDriftResultWriter(dataverse).WriteAsync(evaluation, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.FindingsOpen);
        var row = Assert.Single(dataverse.Set(Tables.DriftFinding.EntitySet).Values);
        Assert.Equal(Choices.From(DriftMetric.ProfileCoverage), row[Tables.DriftFinding.Metric]!.GetValue<int>());
    }
}
