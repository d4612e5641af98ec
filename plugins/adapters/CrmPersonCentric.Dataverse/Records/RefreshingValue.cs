namespace CrmPersonCentric.Dataverse.Records;

/// <summary>
/// A value read from Dataverse at most once per refresh interval, shared by every caller (one read at a time). When a
/// read fails, the last value (at first the initial one) stays in use and a call after <see cref="RetryAfterFailure"/>
/// tries again; the value and when it is next due are swapped together, so readers never see one without the other.
/// </summary>
/// <typeparam name="T">The value (immutable).</typeparam>
/// <param name="initial">The value until the first successful read.</param>
/// <param name="refresh">How long a read value is used before Dataverse is read again.</param>
/// <param name="time">The clock.</param>
internal sealed class RefreshingValue<T>(T initial, TimeSpan refresh, TimeProvider time) : IDisposable
    where T : class
{
    /// <summary>After a failed read, how long before Dataverse is tried again (at most the refresh interval).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Holder _cached = new(initial, DateTimeOffset.MinValue);

    /// <summary>The current value, read again through <paramref name="read"/> when it is due; <paramref name="failed"/> hears of a failed read.</summary>
    public async ValueTask<T> GetAsync(Func<CancellationToken, Task<T>> read, Action<Exception> failed, CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (time.GetUtcNow() < cached.Due)
        {
            return cached.Value;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            if (time.GetUtcNow() < cached.Due)
            {
                return cached.Value;
            }

            try
            {
                cached = new Holder(await read(cancellationToken).ConfigureAwait(false), time.GetUtcNow() + refresh);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Dataverse unreachable, throttled past the retries, or a row that is not valid: keep what we had.
                cached = cached with { Due = time.GetUtcNow() + (refresh < RetryAfterFailure ? refresh : RetryAfterFailure) };
                failed(ex);
            }

            _cached = cached;
            return cached.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private sealed record Holder(T Value, DateTimeOffset Due);
}
