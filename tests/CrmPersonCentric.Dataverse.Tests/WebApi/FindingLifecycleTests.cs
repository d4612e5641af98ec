using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Results;
using FindingTable = CrmPersonCentric.Dataverse.Schema.Tables.DriftFinding;
using RevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

/// <summary>Findings no longer seen are closed, and decided revisions are read back for "what changed", with filters Dataverse accepts.</summary>
public sealed class FindingLifecycleTests
{
    private static readonly Guid Persona = Guid.Parse("00000000-0000-0000-0000-0000000000aa");

    [Fact]
    public async Task An_open_finding_the_run_no_longer_sees_is_closed_by_a_filter_on_the_status_column()
    {
        var dataverse = new FakeDataverse();
        var gone = dataverse.Add(FindingTable.EntitySet, new JsonObject
        {
            [FindingTable.Key] = "persona:trait:fear:budget",
            ["cpc_driftfindingid"] = Guid.NewGuid().ToString("D"),
            [FindingTable.Status] = Choices.From(Choices.FindingStatus.Open, 0),
        });
        dataverse.Set(FindingTable.EntitySet)[gone]["cpc_driftfindingid"] = gone.ToString("D");

        var result = await new WebApiDriftResultWriter(dataverse).WriteAsync(new DriftEvaluation(DateTimeOffset.UnixEpoch, 0, [], [], [], 0, []), TestContext.Current.CancellationToken);

        var (_, query) = dataverse.Queries.First(q => q.Set == FindingTable.EntitySet);
        Assert.Equal($"cpc_findingstatus eq {Choices.From(Choices.FindingStatus.Open, 0)}", query.Filter);
        Assert.Equal(Choices.From(Choices.FindingStatus.Closed, 0), dataverse.Set(FindingTable.EntitySet)[gone][FindingTable.Status]!.GetValue<int>());
        Assert.Equal(1, result.FindingsClosed);
    }

    [Fact]
    public async Task Revisions_decided_since_the_last_run_are_read_with_their_persona_title_and_decision()
    {
        var dataverse = new FakeDataverse();
        var since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Revision(dataverse, "Retire a trait: Budget cuts", Choices.Decision.Rejected, since.AddDays(3));
        Revision(dataverse, "Add a trait: Peer validation", Choices.Decision.Accepted, since.AddDays(1));
        Revision(dataverse, "Reweight a trait: Quota pressure", Choices.Decision.Proposed, since.AddDays(2));
        Revision(dataverse, "Add a trait: Too early", Choices.Decision.Accepted, since.AddDays(-5));
        Revision(dataverse, "Retire a trait: Decided long ago, edited since", Choices.Decision.Rejected, since.AddDays(2), decided: since.AddDays(-30));

        var decided = await new WebApiPersonaRevisions(dataverse).DecidedSinceAsync(since, TestContext.Current.CancellationToken);

        Assert.Equal(
            [("Add a trait: Peer validation", RevisionDecision.Accepted), ("Retire a trait: Budget cuts", RevisionDecision.Rejected)],
            decided.OrderBy(d => d.DecidedOn).Select(d => (d.Title, d.Decision)));
        Assert.All(decided, d => Assert.Equal(Persona.ToString("D"), d.PersonaId));
        var (_, query) = dataverse.Queries.Single();
        Assert.StartsWith("cpc_decision ne null and cpc_decision ne ", query.Filter, StringComparison.Ordinal);
        Assert.EndsWith("and modifiedon ge 2026-11-01T00:00:00Z", query.Filter, StringComparison.Ordinal);
    }

    private static void Revision(FakeDataverse dataverse, string title, Choices.Decision decision, DateTimeOffset modified, DateTimeOffset? decided = null) =>
        dataverse.Add(RevisionTable.EntitySet, new JsonObject
        {
            ["cpc_name"] = title,
            ["_cpc_personaid_value"] = Persona.ToString("D"),
            [RevisionTable.Decision] = Choices.From(decision, 0),
            ["modifiedon"] = modified.ToString("O"),
            [RevisionTable.DecidedOn] = decided?.ToString("O"),
        });
}
