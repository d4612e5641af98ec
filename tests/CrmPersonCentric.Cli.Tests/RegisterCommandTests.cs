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

    [Fact]
    public void Register_ThePlaceholderUrl_IsRefused()
    {
        var client = Substitute.For<IDataverseClient>();

        var (code, _, error) = CliRun.Invoke(_ => client, "register", "--environment", "https://contoso.crm.dynamics.com", "--webhook-url", "https://placeholder.invalid/api/dataverse-webhook", "--dry-run");

        Assert.Equal(2, code);
        Assert.Contains("is the solution's placeholder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_WhenSalesHubListsOtherContactForms_SaysHowToAddOurs()
    {
        var client = Substitute.For<IDataverseClient>();
        var otherContactForm = Guid.NewGuid();
        client.QueryAsync(Arg.Any<string>(), Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>()).Returns(call => call.ArgAt<string>(0) switch
        {
            "appmodules" => Single(new JsonObject { ["appmoduleid"] = Guid.NewGuid().ToString("D"), ["appmoduleidunique"] = Guid.NewGuid().ToString("D") }),
            "appmodulecomponents" => Single(new JsonObject { ["objectid"] = otherContactForm.ToString("D") }),
            "systemforms" => Single(new JsonObject { ["formid"] = otherContactForm.ToString("D") }),
            var set => Rows(set),
        });
        client.RetrieveAsync("systemforms", Arg.Any<Guid>(), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(new JsonObject { ["formactivationstate"] = 1 });

        var variable = "CPC_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "secret-functions-key");

        var (code, output, _) = CliRun.Invoke(_ => client, "register", "--environment", "https://contoso.crm.dynamics.com", "--webhook-url", "https://cpc.azurewebsites.net/api/dataverse-webhook", "--webhook-key-variable", variable, "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("note: Sales Hub lists its own contact forms and not 'Contact (person-centric)'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unregister_RemovesTheStepsRegisterCreatedOutsideTheSolution()
    {
        var client = Substitute.For<IDataverseClient>();
        var step = Guid.NewGuid();
        client.QueryAsync("sdkmessageprocessingsteps", Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<ODataQuery>(1).Filter!.Contains("(create)", StringComparison.Ordinal) ? Single(new JsonObject { ["sdkmessageprocessingstepid"] = step.ToString("D") }) : Single(null));

        var (dryCode, dryOutput, _) = CliRun.Invoke(_ => client, "unregister", "--environment", "https://contoso.crm.dynamics.com", "--dry-run");
        client.DidNotReceive().DeleteAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>());
        var (code, output, _) = CliRun.Invoke(_ => client, "unregister", "--environment", "https://contoso.crm.dynamics.com");

        Assert.Equal((0, 0), (dryCode, code));
        Assert.Contains("would Delete    sdkmessageprocessingstep", dryOutput, StringComparison.Ordinal);
        Assert.Contains("drift rule validation (create)'", dryOutput, StringComparison.Ordinal);
        Assert.Contains("Absent    sdkmessageprocessingstep", dryOutput, StringComparison.Ordinal);
        Assert.Contains("1 to remove, 1 already gone", output, StringComparison.Ordinal);
        client.Received(1).DeleteAsync("sdkmessageprocessingsteps", step, Arg.Any<CancellationToken>());
    }

    private static async IAsyncEnumerable<JsonObject> Single(JsonObject? row)
    {
        await Task.Yield();
        if (row is not null)
        {
            yield return row;
        }
    }
}
