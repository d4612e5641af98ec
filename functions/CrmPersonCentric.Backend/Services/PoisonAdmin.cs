using CrmPersonCentric.Backend.Storage;

namespace CrmPersonCentric.Backend.Services;

/// <summary>The poison store's admin operations: list the kept payloads (never their bodies) and replay them into the inbox.</summary>
public sealed class PoisonAdmin(PoisonStore poison, InboxStore inbox)
{
    /// <summary>The kept items, newest first.</summary>
    public Task<IReadOnlyList<PoisonItem>> ListAsync(CancellationToken cancellationToken = default) => poison.ListAsync(cancellationToken: cancellationToken);

    /// <summary>Replays every kept item, or only <paramref name="onlyId"/>; null when that item does not exist.</summary>
    public async Task<ReplayResult?> ReplayAsync(string? onlyId, CancellationToken cancellationToken = default)
    {
        var replayed = new List<string>();
        foreach (var item in await poison.ListAsync(1000, cancellationToken).ConfigureAwait(false))
        {
            if (onlyId is not null && item.Id != onlyId)
            {
                continue;
            }

            var body = await poison.BodyOfAsync(item.Id, cancellationToken).ConfigureAwait(false);
            if (body is not null && item.Source == PoisonStore.EnvelopeSource)
            {
                await inbox.RequeueEnvelopeAsync(body, cancellationToken).ConfigureAwait(false);
            }
            else if (body is not null)
            {
                await inbox.EnqueueAsync(body, item.SizeExceeded, cancellationToken).ConfigureAwait(false);
            }

            await poison.RemoveAsync(item.Id, cancellationToken).ConfigureAwait(false);
            replayed.Add(item.Id);
        }

        return onlyId is not null && replayed.Count == 0 ? null : new ReplayResult(replayed);
    }
}
