namespace CrmPersonCentric.Cli;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (Progress&lt;T&gt; posts to the pool).</summary>
/// <typeparam name="T">The progress value.</typeparam>
/// <param name="report">What to do with each value.</param>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
