using System.Diagnostics;

namespace CrmPersonCentric.Testing;

/// <summary>Runs an external program to completion with its output captured, killed (with its children) at a deadline.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> in <paramref name="workingDirectory"/> (the repository root by default).</summary>
    public static async Task<ProcessResult> RunAsync(string file, string arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot.Path,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var deadline = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {timeout}.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
