using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Registration;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

public sealed class RegistrarTests
{
    private static readonly RegistrationRequest Request = new(RegistrationRequest.DefaultEndpointName, new Uri("https://cpc-func.azurewebsites.net/api/dataverse-webhook"), "functions-key");
    private readonly IDataverseClient _client = Substitute.For<IDataverseClient>();
    private readonly Dictionary<string, List<JsonObject>> _rows = new()
    {
        ["sdkmessages"] = [new JsonObject { ["sdkmessageid"] = "10000000-0000-0000-0000-000000000001" }],
        ["sdkmessagefilters"] = [new JsonObject { ["sdkmessagefilterid"] = "20000000-0000-0000-0000-000000000002" }],
    };

    public RegistrarTests()
    {
        _client.QueryAsync(Arg.Any<string>(), Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>())
            .Returns(call => Rows(call.ArgAt<string>(0), call.ArgAt<ODataQuery>(1).Filter ?? string.Empty, call.ArgAt<ODataQuery>(1).Select));
        _client.DeleteAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var set = call.ArgAt<string>(0);
            var id = call.ArgAt<Guid>(1).ToString("D");
            _rows.GetValueOrDefault(set)?.RemoveAll(r => r.Any(p => p.Key.EndsWith("id", StringComparison.Ordinal) && p.Value?.ToString() == id));
            return Task.CompletedTask;
        });
        _client.CreateAsync(Arg.Any<string>(), Arg.Any<JsonObject>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var set = call.ArgAt<string>(0);
            var row = (JsonObject)call.ArgAt<JsonObject>(1).DeepClone();
            var id = Guid.NewGuid();
            var idColumn = set switch { "serviceendpoints" => "serviceendpointid", "sdkmessageprocessingsteps" => "sdkmessageprocessingstepid", _ => "sdkmessageprocessingstepimageid" };
            row[idColumn] = id.ToString("D");
            if (row["eventhandler_serviceendpoint@odata.bind"] is { } bind)
            {
                row["_eventhandler_value"] = bind.GetValue<string>()[18..^1];
            }

            _rows.TryAdd(set, []);
            _rows[set].Add(row);
            return id;
        });
    }

    /// <summary>The rows of a set matching the filter, with only the selected columns, as the Web API answers.</summary>
    private async IAsyncEnumerable<JsonObject> Rows(string set, string filter, IReadOnlyList<string>? select, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var row in (_rows.GetValueOrDefault(set) ?? []).Where(r => Matches(r, filter)).ToList())
        {
            yield return select is null or { Count: 0 } ? row : Project(row, select);
        }
    }

    private static JsonObject Project(JsonObject row, IReadOnlyList<string> select)
    {
        var projected = new JsonObject();
        foreach (var (key, value) in row.Where(p => select.Contains(p.Key) || p.Key.Contains('@', StringComparison.Ordinal)))
        {
            projected[key] = value?.DeepClone();
        }

        return projected;
    }

    /// <summary>A row matches when every "column eq value" clause it has a column for holds (a tiny OData filter).</summary>
    private static bool Matches(JsonObject row, string filter)
    {
        foreach (System.Text.RegularExpressions.Match clause in System.Text.RegularExpressions.Regex.Matches(filter, @"(\w+) eq ('(?:[^']|'')*'|[0-9a-f-]{36})"))
        {
            var column = clause.Groups[1].Value;
            var value = clause.Groups[2].Value.Trim('\'').Replace("''", "'", StringComparison.Ordinal);
            if (column == "_sdkmessageprocessingstepid_value")
            {
                if (row["sdkmessageprocessingstepid@odata.bind"]?.GetValue<string>().Contains(value, StringComparison.Ordinal) != true)
                {
                    return false;
                }
            }
            else if (row[column] is { } actual && actual.GetValue<string>() != value)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public async Task DryRun_OnAnEmptyEnvironment_PlansEverythingAndWritesNothing()
    {
        var actions = await new WebhookRegistrar(_client).RegisterAsync(Request, StepCatalog.All, dryRun: true, TestContext.Current.CancellationToken);

        Assert.All(actions, a => Assert.Equal(RegistrationActionKind.Create, a.Kind));
        Assert.Equal(1 + StepCatalog.All.Length + StepCatalog.All.Sum(s => s.Images.Length), actions.Count);
        await _client.DidNotReceive().CreateAsync(Arg.Any<string>(), Arg.Any<JsonObject>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Register_Twice_IsIdempotent()
    {
        var registrar = new WebhookRegistrar(_client);
        var first = await registrar.RegisterAsync(Request, StepCatalog.All, dryRun: false, TestContext.Current.CancellationToken);
        var second = await registrar.RegisterAsync(Request with { WebhookKey = null }, StepCatalog.All, dryRun: false, TestContext.Current.CancellationToken);

        Assert.All(first, a => Assert.Equal(RegistrationActionKind.Create, a.Kind));
        Assert.All(second, a => Assert.Equal(RegistrationActionKind.Unchanged, a.Kind));
        var endpoint = Assert.Single(_rows["serviceendpoints"]);
        Assert.Equal(8, endpoint["contract"]!.GetValue<int>());
        Assert.Equal(4, endpoint["authtype"]!.GetValue<int>());
        var profileStep = _rows["sdkmessageprocessingsteps"].Single(s => s["name"]!.GetValue<string>() == "CrmPersonCentric: contact profile changed");
        Assert.Equal(string.Join(',', Schema.Tables.Contact.PersonCentric), profileStep["filteringattributes"]!.GetValue<string>());
        Assert.Equal(40, profileStep["stage"]!.GetValue<int>());
        await _client.DidNotReceive().UpdateAsync(Arg.Any<string>(), Arg.Any<Guid>(), Arg.Any<JsonObject>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Register_ChangedUrl_UpdatesOnlyTheEndpoint()
    {
        var registrar = new WebhookRegistrar(_client);
        await registrar.RegisterAsync(Request, StepCatalog.All, dryRun: false, TestContext.Current.CancellationToken);

        var actions = await registrar.RegisterAsync(Request with { WebhookUrl = new Uri("https://cpc-func-2.azurewebsites.net/api/dataverse-webhook"), WebhookKey = null }, StepCatalog.All, dryRun: true, TestContext.Current.CancellationToken);

        var update = Assert.Single(actions, a => a.Kind == RegistrationActionKind.Update);
        Assert.Equal("serviceendpoint", update.Table);
        Assert.Equal(["url"], update.Changes);
    }

    [Fact]
    public async Task Register_HttpUrl_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new WebhookRegistrar(_client).RegisterAsync(Request with { WebhookUrl = new Uri("http://localhost:7071/api/x") }, StepCatalog.All, true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Register_AStepTheImportLeftDisabled_EnablesIt()
    {
        var registrar = new WebhookRegistrar(_client);
        await registrar.RegisterAsync(Request, StepCatalog.All, dryRun: false, TestContext.Current.CancellationToken);
        var imported = _rows["sdkmessageprocessingsteps"].Single(s => s["name"]!.GetValue<string>() == "CrmPersonCentric: contact deleted");
        imported["statecode"] = 1;

        var actions = await registrar.RegisterAsync(Request with { WebhookKey = null }, StepCatalog.All, dryRun: true, TestContext.Current.CancellationToken);

        var update = Assert.Single(actions, a => a.Kind == RegistrationActionKind.Update);
        Assert.Equal("sdkmessageprocessingstep", update.Table);
        Assert.Equal("CrmPersonCentric: contact deleted", update.Name);
        Assert.Equal(["statecode"], update.Changes);
    }
}
