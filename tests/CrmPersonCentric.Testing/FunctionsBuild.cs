using System.Reflection;

namespace CrmPersonCentric.Testing;

/// <summary>
/// The Functions project's build output (functions.metadata, host.json, appsettings.json next to the worker), in the
/// configuration the tests were built in: what the standalone host and the contract tests read.
/// </summary>
public static class FunctionsBuild
{
    /// <summary>The folder.</summary>
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var configuration = typeof(FunctionsBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = RepositoryRoot.Combine("functions", "hosts", "CrmPersonCentric.Functions", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(directory, "functions.metadata"))
            ? directory
            : throw new InvalidOperationException($"{directory} has no functions.metadata: build the Functions project first (dotnet build functions/hosts/CrmPersonCentric.Functions -c {configuration}).");
    }
}
