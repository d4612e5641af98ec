using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>The poison port in memory: items with their bodies, the contact they name, one item per inbox delivery.</summary>
public sealed class InMemoryPoisonStore(TimeProvider time) : IPoisonStore
{
    private readonly List<(PoisonItem Item, string Body, string? ContactId)> _items = [];

    /// <summary>The items kept, oldest first.</summary>
    public IReadOnlyList<PoisonItem> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items.Select(i => i.Item)];
            }
        }
    }

    /// <inheritdoc />
    public Task<PoisonItem> KeepAsync(string body, string source, string reason, bool sizeExceeded, string? contactId = null, InboxMessage? delivery = null, CancellationToken cancellationToken = default)
    {
        var item = new PoisonItem(delivery?.Id ?? Guid.NewGuid().ToString("N"), source, reason, time.GetUtcNow(), sizeExceeded);
        lock (_items)
        {
            _items.RemoveAll(i => i.Item.Id == item.Id);
            _items.Add((item, body, contactId));
        }

        return Task.FromResult(item);
    }

    /// <inheritdoc />
    public Task<PoisonItem?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            return Task.FromResult(_items.Where(i => i.Item.Id == id).Select(i => i.Item).FirstOrDefault());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PoisonItem>> ListAsync(int? max = 100, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            var newestFirst = _items.Select(i => i.Item).Reverse();
            return Task.FromResult<IReadOnlyList<PoisonItem>>([.. max is { } m ? newestFirst.Take(m) : newestFirst]);
        }
    }

    /// <inheritdoc />
    public Task<string?> BodyOfAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            return Task.FromResult(_items.Where(i => i.Item.Id == id).Select(i => i.Body).FirstOrDefault());
        }
    }

    /// <summary>Loses an item's body (a deleted blob), keeping its row.</summary>
    public void LoseBody(string id)
    {
        lock (_items)
        {
            var index = _items.FindIndex(i => i.Item.Id == id);
            _items[index] = _items[index] with { Body = null! };
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            _items.RemoveAll(i => i.Item.Id == id);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ForgetContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        var guid = Guid.TryParse(contactId, out var g) ? g : (Guid?)null;
        lock (_items)
        {
            _items.RemoveAll(i => string.Equals(i.ContactId, contactId, StringComparison.OrdinalIgnoreCase)
                || (i.Body is not null && (i.Body.Contains(contactId, StringComparison.OrdinalIgnoreCase) || (guid is { } id && i.Body.Contains(id.ToString("N"), StringComparison.OrdinalIgnoreCase)))));
        }

        return Task.CompletedTask;
    }
}
