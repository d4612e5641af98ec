using CrmPersonCentric.Application.Poison;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Revisions;
using CrmPersonCentric.Drift.Results;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CrmPersonCentric.Application.Tests;

public sealed class PoisonAndRevisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_PutsDeliveriesBackAndEnvelopesBackAsTheyWere_AndReportsBodiesThatAreGone()
    {
        await using var backend = new InMemoryBackend();
        var delivery = await backend.Poison.KeepAsync("{\"body\":1}", PoisonSources.Inbox, "Rejected by the step", true, cancellationToken: Ct);
        var envelope = await backend.Poison.KeepAsync("{\"Id\":\"e\",\"BlobName\":\"e.json\"}", PoisonSources.Envelope, "Failed 5 times", false, cancellationToken: Ct);
        var gone = await backend.Poison.KeepAsync("{}", PoisonSources.Webhook, "Unreadable", false, cancellationToken: Ct);
        backend.Poison.LoseBody(gone.Id);

        var result = await backend.Action<ReplayPoison>().ReplayAsync(null, Ct);

        Assert.Equal(new[] { delivery.Id, envelope.Id }.Order(), result!.Replayed.Order());
        Assert.Equal([gone.Id], result.Missing);
        Assert.Empty(backend.Poison.Items);
        Assert.Contains("{\"Id\":\"e\",\"BlobName\":\"e.json\"}", backend.Inbox.Queue);
        var requeued = backend.Inbox.Parse(backend.Inbox.Queue.Single(q => q.Contains("body", StringComparison.Ordinal)));
        Assert.True(requeued.Single().SizeExceeded);
    }

    [Fact]
    public async Task Replay_OfAnUnknownItem_IsNull()
    {
        await using var backend = new InMemoryBackend();

        Assert.Null(await backend.Action<ReplayPoison>().ReplayAsync("nope", Ct));
    }

    [Fact]
    public async Task Decide_Rejected_SuppressesEquivalentSuggestionsForTheConfiguredDays()
    {
        var revisions = Substitute.For<IPersonaRevisions>();
        var id = Guid.NewGuid();
        revisions.DecisionAsync(id, Arg.Any<CancellationToken>()).Returns(RevisionDecision.Rejected);
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(revisions).AddSingleton(Substitute.For<IPersonaRecords>()));

        var result = await backend.Action<DecideRevision>().HandleAsync(Revision(id, key: "add-trait|p1|fear|x"), Ct);

        Assert.Equal(RevisionOutcome.Suppressed, result.Outcome);
        Assert.Equal(backend.Time.GetUtcNow().AddDays(new StepOptions().RejectionSuppressionDays), backend.Records.Suppressed["add-trait|p1|fear|x"]);
    }

    [Fact]
    public async Task Decide_RejectedWithoutAKey_IsIncomplete_NamingTheKey()
    {
        var revisions = Substitute.For<IPersonaRevisions>();
        var id = Guid.NewGuid();
        revisions.DecisionAsync(id, Arg.Any<CancellationToken>()).Returns(RevisionDecision.Rejected);
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(revisions).AddSingleton(Substitute.For<IPersonaRecords>()));

        var result = await backend.Action<DecideRevision>().HandleAsync(Revision(id, key: null), Ct);

        Assert.Equal((RevisionOutcome.Incomplete, RevisionField.Key), (result.Outcome, Assert.Single(result.Missing)));
        Assert.Empty(backend.Records.Suppressed);
    }

    [Fact]
    public async Task Decide_NotDecided_DoesNothing()
    {
        var revisions = Substitute.For<IPersonaRevisions>();
        var personas = Substitute.For<IPersonaRecords>();
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(revisions).AddSingleton(personas));

        var result = await backend.Action<DecideRevision>().HandleAsync(Revision(Guid.NewGuid(), key: "k"), Ct);

        Assert.Equal(RevisionOutcome.Undecided, result.Outcome);
        Assert.Empty(personas.ReceivedCalls());
    }

    private static PersonaRevisionRecord Revision(Guid id, string? key) =>
        new(id, key, Guid.NewGuid(), SuggestionType.AddTrait, null, null, null, []);
}
