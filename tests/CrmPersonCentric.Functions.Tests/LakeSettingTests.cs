using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Lake;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>The backend's population source: its own tables unless Lake:Path names a lake export.</summary>
public sealed class LakeSettingTests
{
    private static ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        settings["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com";
        return BackendServices.Compose(settings).BuildServiceProvider();
    }

    [Fact]
    public void WithoutALakePath_TheEvaluationReadsTheTables()
    {
        using var provider = Compose([]);

        Assert.IsType<PopulationReader>(provider.GetRequiredService<IPopulationSource>());
    }

    [Fact]
    public void WithALakePath_TheEvaluationReadsTheLake()
    {
        using var provider = Compose(new() { ["Lake:Path"] = "/mnt/dataverse-contoso-unq0" });

        Assert.IsType<LakePopulationSource>(provider.GetRequiredService<IPopulationSource>());
        Assert.Equal("/mnt/dataverse-contoso-unq0", provider.GetRequiredService<IOptions<LakeOptions>>().Value.Path);
    }

    [Fact]
    public void ARelativeLakePath_IsRefusedAtStart_NamingTheSetting()
    {
        using var provider = Compose(new() { ["Lake:Path"] = "lake" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LakeOptions>>().Value);
        Assert.Contains("Lake:Path", error.Message, StringComparison.Ordinal);
    }
}
