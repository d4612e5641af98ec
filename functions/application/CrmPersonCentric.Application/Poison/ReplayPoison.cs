using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Application.Poison;

/// <summary>"Replay poison": list the kept payloads (never their bodies) and replay them into the inbox.</summary>
public sealed class ReplayPoison(IPoisonStore poison, IInbox inbox)
{
    /// <summary>The kept items, newest first.</summary>
    public Task<IReadOnlyList<PoisonItem>> ListAsync(CancellationToken cancellationToken = default) => poison.ListAsync(cancellationToken: cancellationToken);

    /// <summary>
    /// Replays every kept item, or only <paramref name="onlyId"/>; null when that item does not exist. An item whose
    /// body is gone cannot be replayed: it is removed and reported as missing.
    /// </summary>
    public async Task<ReplayResult?> ReplayAsync(string? onlyId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<PoisonItem> items;
        if (onlyId is not null)
        {
            if (await poison.FindAsync(onlyId, cancellationToken).ConfigureAwait(false) is not { } item)
            {
                return null;
            }

            items = [item];
        }
        else
        {
            items = await poison.ListAsync(max: null, cancellationToken).ConfigureAwait(false);
        }

        var replayed = new List<string>();
        var missing = new List<string>();
        foreach (var item in items)
        {
            var body = await poison.BodyOfAsync(item.Id, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                missing.Add(item.Id);
            }
            else if (item.Source == PoisonSources.Envelope)
            {
                await inbox.RequeueEnvelopeAsync(body, cancellationToken).ConfigureAwait(false);
                replayed.Add(item.Id);
            }
            else
            {
                await inbox.EnqueueAsync(body, item.SizeExceeded, cancellationToken).ConfigureAwait(false);
                replayed.Add(item.Id);
            }

            await poison.RemoveAsync(item.Id, cancellationToken).ConfigureAwait(false);
        }

        return new ReplayResult(replayed, missing);
    }
}
