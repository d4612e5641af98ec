using System.Text.Json;

namespace CrmPersonCentric.Infra.Tests;

public sealed class BicepTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string Infra = Path.Combine(RepositoryRoot.Path, "infra");

    public static TheoryData<string> Templates => new(Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Infra, f)).Order());

    [Fact]
    public async Task BicepCli_IsTheRestoredPackage()
    {
        Assert.True(File.Exists(Tool.Bicep), $"The Bicep CLI was not restored at {Tool.Bicep}.");
        Assert.Contains("Bicep CLI version", (await ProcessRunner.RunAsync(Tool.Bicep, "--version", Timeout)).Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_BuildsAndLintsWithoutAnyWarning(string template)
    {
        var build = await ProcessRunner.RunAsync(Tool.Bicep, $"build \"{Path.Combine(Infra, template)}\" --stdout", Timeout);
        var lint = await ProcessRunner.RunAsync(Tool.Bicep, $"lint \"{Path.Combine(Infra, template)}\"", Timeout);

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Equal(string.Empty, build.Error.Trim());
        Assert.True(lint.ExitCode == 0, lint.Error + lint.Output);
        Assert.Equal(string.Empty, (lint.Error + lint.Output).Trim());
    }

    [Theory]
    [InlineData("dev.bicepparam")]
    [InlineData("prod.bicepparam")]
    public async Task ParameterFiles_BuildAndHoldNoSecrets(string file)
    {
        var result = await ProcessRunner.RunAsync(Tool.Bicep, $"build-params \"{Path.Combine(Infra, file)}\" --stdout", Timeout);
        var text = File.ReadAllText(Path.Combine(Infra, file));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(string.Empty, result.Error.Trim());
        foreach (var word in new[] { "password", "secret =", "key =", "AccountKey", "SharedAccessSignature", "InstrumentationKey" })
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Main_DeclaresTheSecureIsolatedWorkerApp()
    {
        var json = (await ProcessRunner.RunAsync(Tool.Bicep, $"build \"{Path.Combine(Infra, "main.bicep")}\" --stdout", Timeout)).Output;
        using var template = JsonDocument.Parse(json);
        var text = template.RootElement.GetRawText();

        Assert.Contains("\"allowSharedKeyAccess\": false", json, StringComparison.Ordinal);
        Assert.Contains("functionapp,linux", text, StringComparison.Ordinal);
        Assert.Contains("\"FlexConsumption\"", text, StringComparison.Ordinal);
        Assert.Contains("'dotnet-isolated'", text, StringComparison.Ordinal);
        Assert.Contains("'10.0'", text, StringComparison.Ordinal);
        Assert.Contains("DOTNET-ISOLATED|10.0", text, StringComparison.Ordinal);
        Assert.Contains("WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'custom'", text, StringComparison.Ordinal);
        Assert.Contains("SystemAssigned", text, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", text, StringComparison.Ordinal);
        // Every app setting a trigger names as %Name% is set: the Functions host cannot index a function whose expression does not resolve.
        var catalog = Functions.Standalone.FunctionCatalog.Load(FunctionsBuild.Directory);
        foreach (var name in catalog.Functions.SelectMany(f => new[] { f.Trigger!.QueueName, f.Trigger.Schedule }).OfType<string>().SelectMany(e => e.Split('%').Where((_, i) => i % 2 == 1)).Distinct())
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Schedules__", text, StringComparison.Ordinal);
        Assert.Contains("Dataverse__EnvironmentUrl", text, StringComparison.Ordinal);
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" })
        {
            Assert.Contains(role, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listKeys", text, StringComparison.Ordinal);
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text, StringComparison.Ordinal); // Owner
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text, StringComparison.Ordinal); // Contributor
        Assert.DoesNotContain("17d1049b-9a84-46fb-8f53-869881c3d3ab", text, StringComparison.Ordinal); // Storage Account Contributor
        var outputs = template.RootElement.GetProperty("outputs");
        Assert.True(outputs.TryGetProperty("webhookUrl", out _));
        Assert.True(outputs.TryGetProperty("managedIdentityPrincipalId", out _));
    }

    [Fact]
    public void Config_RaisesTheImportantRulesToErrors()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "bicepconfig.json")));
        var rules = config.RootElement.GetProperty("analyzers").GetProperty("core").GetProperty("rules");

        foreach (var rule in new[] { "no-hardcoded-env-urls", "secure-secrets-in-params", "outputs-should-not-contain-secrets", "no-unused-params", "use-secure-value-for-secure-inputs" })
        {
            Assert.Equal("error", rules.GetProperty(rule).GetProperty("level").GetString());
        }
    }

    [Fact]
    public void Templates_UseNoRegistryModules()
    {
        foreach (var file in Directory.GetFiles(Infra, "*.bicep*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("br/public:", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
