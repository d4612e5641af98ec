using System.Reflection;

namespace CrmPersonCentric.Infra.Tests;

/// <summary>The Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64).</summary>
internal static class Tool
{
    public static string Bicep { get; } = typeof(Tool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
}
