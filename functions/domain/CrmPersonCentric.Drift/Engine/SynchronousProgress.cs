namespace CrmPersonCentric.Drift.Engine;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (Progress&lt;T&gt; posts to the pool).</summary>
/// <typeparam name="T">The progress value.</typeparam>
/// <param name="report">What to do with each value.</param>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
