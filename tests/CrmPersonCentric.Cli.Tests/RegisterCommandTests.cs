using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;
using NSubstitute;

namespace CrmPersonCentric.Cli.Tests;

public sealed class RegisterCommandTests
{
    private static async IAsyncEnumerable<JsonObject> Rows(string set, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        switch (set)
        {
            case "sdkmessages":
                yield return new JsonObject { ["sdkmessageid"] = "10000000-0000-0000-0000-000000000001" };
                break;
            case "sdkmessagefilters":
                yield return new JsonObject { ["sdkmessagefilterid"] = "20000000-0000-0000-0000-000000000002" };
                break;
        }
    }

    [Fact]
    public void Register_DryRun_ListsWhatItWouldCreateAndWritesNothing()
    {
        var client = Substitute.For<IDataverseClient>();
        client.QueryAsync(Arg.Any<string>(), Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>()).Returns(call => Rows(call.ArgAt<string>(0)));
        var variable = "CPC_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "secret-functions-key");
        DataverseOptions? seen = null;

        var (code, output, error) = CliRun.Invoke(
            (options) => { seen = options; return client; },
            "register", "--environment", "https://contoso.crm.dynamics.com", "--webhook-url", "https://cpc.azurewebsites.net/api/dataverse-webhook",
            "--webhook-key-variable", variable, "--dry-run");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("would Create    serviceendpoint 'CrmPersonCentric webhook'", output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing written", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-functions-key", output, StringComparison.Ordinal);
        Assert.Equal("https://contoso.crm.dynamics.com/", seen!.EnvironmentUrl);
        client.DidNotReceive().CreateAsync(Arg.Any<string>(), Arg.Any<JsonObject>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Register_NewEndpointWithoutKey_SaysWhatIsMissing()
    {
        var client = Substitute.For<IDataverseClient>();
        client.QueryAsync(Arg.Any<string>(), Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>()).Returns(call => Rows(call.ArgAt<string>(0)));

        var (code, _, error) = CliRun.Invoke(_ => client, "register", "--environment", "https://contoso.crm.dynamics.com", "--webhook-url", "https://cpc.azurewebsites.net/api/x", "--webhook-key-variable", "CPC_UNSET_" + Guid.NewGuid().ToString("N"));

        Assert.Equal(2, code);
        Assert.Contains("needs the Functions key", error, StringComparison.Ordinal);
    }
}
