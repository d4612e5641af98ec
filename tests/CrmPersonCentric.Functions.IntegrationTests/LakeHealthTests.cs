using System.Net;
using System.Text.Json;
using CrmPersonCentric.Import;
using CrmPersonCentric.Lake;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// With Lake:Path set, health says whether the folder holds a lake export: a share that is not mounted (an empty
/// folder) makes the app unhealthy with the reason for the admin, before the next evaluation fails on it.
/// </summary>
public sealed class LakeHealthTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cpc-lake-health-").FullName;
    private Azurite _storage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _storage = await Azurite.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        await _storage.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(HttpStatusCode Anonymous, HttpStatusCode Admin, string? Lake, string Status)> HealthAsync()
    {
        await using var app = await StandaloneApp.StartAsync(_storage, new Dictionary<string, string?> { ["Lake:Path"] = _folder });
        var anonymous = await app.Client(null).GetAsync("/api/health", Ct);
        var details = await app.Client(StandaloneApp.MasterKey).GetAsync("/api/admin/health", Ct);
        using var report = JsonDocument.Parse(await details.Content.ReadAsStringAsync(Ct));
        return (anonymous.StatusCode, details.StatusCode, report.RootElement.GetProperty("lake").GetString(), report.RootElement.GetProperty("status").GetString()!);
    }

    [Fact]
    public async Task AFolderWithoutAnExport_IsUnhealthy_AndOneWithAnExportIsHealthy()
    {
        var empty = await HealthAsync();

        var data = OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind"));
        LakeExportWriter.Write(_folder, LakeLayout.Delta, data.Personas, data.Profiles.Take(50), data.Signals.Take(50));
        var exported = await HealthAsync();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "missing", "unhealthy"), empty);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, "healthy", "healthy"), exported);
    }
}
