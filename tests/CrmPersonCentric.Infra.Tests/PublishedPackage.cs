[assembly: AssemblyFixture(typeof(CrmPersonCentric.Infra.Tests.PublishedPackage))]

namespace CrmPersonCentric.Infra.Tests;

/// <summary>One real `dotnet publish` of the Functions deployment package (dotnet-isolated, ReadyToRun, linux-x64), shared by the package tests.</summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "cpc-package-" + Guid.NewGuid().ToString("N"));

    public string PublishDirectory => Path.Combine(Directory, "publish");

    public string Zip => Path.Combine(Directory, "functions.zip");

    public string Worker => Path.Combine(PublishDirectory, "CrmPersonCentric.Functions.dll");

    public ProcessResult Result { get; private set; } = new(-1, string.Empty, string.Empty);

    public async ValueTask InitializeAsync() =>
        Result = await ProcessRunner.RunAsync("dotnet", $"publish functions/hosts/CrmPersonCentric.Functions -c Release -r linux-x64 -o \"{PublishDirectory}\" -p:FunctionsPackage=\"{Zip}\"", TimeSpan.FromMinutes(15));

    public ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
