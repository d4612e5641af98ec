using System.Net;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class WebApiClientTests : IDisposable
{
    private readonly StubHandler _handler = new();
    private readonly StaticCredential _credential = new();
    private readonly DataverseWebApiClient _sut;

    public WebApiClientTests()
    {
        _sut = new DataverseWebApiClient(new HttpClient(_handler), _credential, new DataverseOptions
        {
            EnvironmentUrl = Fixture.Org,
            RetryBaseDelay = TimeSpan.Zero,
            MaxRetries = 3,
            Timeout = TimeSpan.FromSeconds(5),
        });
    }

    public void Dispose() => _sut.Dispose();

    [Fact]
    public async Task QueryAsync_FollowsNextLinkAcrossPages()
    {
        _handler.Respond(HttpStatusCode.OK, Fixture.Text("dataverse-webapi/contacts-page1-maxpagesize2.json"))
            .Respond(HttpStatusCode.OK, Fixture.Text("dataverse-webapi/contacts-page2-maxpagesize2.json"))
            .Respond(HttpStatusCode.OK, """{"value":[{"contactid":"last"}]}""");

        var rows = new List<JsonObject>();
        await foreach (var row in _sut.QueryAsync("contacts", new ODataQuery { Select = ["fullname"], PageSize = 2 }, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(5, rows.Count);
        Assert.Equal("last", rows[^1]["contactid"]!.GetValue<string>());
        Assert.Equal("49b0be2e-d01c-ed11-b83e-000d3a572421", rows[0]["contactid"]!.GetValue<string>());
        var first = _handler.Requests[0].Request;
        Assert.Equal(Fixture.Org + "/api/data/v9.2/contacts?$select=fullname", first.RequestUri!.AbsoluteUri);
        Assert.Contains("odata.maxpagesize=2", first.Headers.GetValues("Prefer"));
        Assert.Equal("4.0", first.Headers.GetValues("OData-MaxVersion").Single());
        Assert.Equal("Bearer test-token", first.Headers.Authorization!.ToString());
        Assert.Contains("pagenumber=%222%22", _handler.Requests[1].Request.RequestUri!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("pagenumber=%223%22", _handler.Requests[2].Request.RequestUri!.OriginalString, StringComparison.Ordinal);
        Assert.Equal([Fixture.Org + "/.default"], _credential.Scopes.Distinct());
    }

    [Fact]
    public async Task Send_429ThenSuccess_HonoursRetryAfterAndSucceeds()
    {
        _handler.Respond(HttpStatusCode.TooManyRequests, """{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""",
                r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero))
            .Respond(HttpStatusCode.NoContent, configure: r => r.Headers.Add("OData-EntityId", Fixture.Org + "/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)"));

        var id = await _sut.CreateAsync("contacts", new JsonObject { ["lastname"] = "O'Brien" }, TestContext.Current.CancellationToken);

        Assert.Equal(Guid.Parse("00000000-0000-0000-0000-000000000001"), id);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public void RetryAfter_SecondsAreHonouredAndCapped()
    {
        using var seven = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seven.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var huge = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        huge.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(2));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), DataverseResilience.RetryAfter(seven));
        Assert.Equal(DataverseResilience.MaxRetryAfter, DataverseResilience.RetryAfter(huge));
        Assert.Null(DataverseResilience.RetryAfter(none));
    }

    [Fact]
    public async Task Send_GatewayErrorsThenSuccess_BacksOffAndRetries()
    {
        _handler.Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK, """{"contactid":"x"}""");

        var row = await _sut.RetrieveAsync("contacts", Guid.NewGuid(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(row);
        Assert.Equal(3, _handler.Requests.Count);
    }

    [Fact]
    public async Task Create_ServerErrorAfterItMayHaveBeenApplied_IsNotRetried()
    {
        _handler.Respond(HttpStatusCode.GatewayTimeout).Respond(HttpStatusCode.NoContent);

        var ex = await Assert.ThrowsAsync<DataverseException>(() => _sut.CreateAsync("emails", new JsonObject(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.GatewayTimeout, ex.Status);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Send_PersistentThrottling_EndsInATransientError()
    {
        for (var i = 0; i < 4; i++)
        {
            _handler.Respond(HttpStatusCode.ServiceUnavailable);
        }

        var ex = await Assert.ThrowsAsync<DataverseException>(() => _sut.DeleteAsync("contacts", Guid.NewGuid(), TestContext.Current.CancellationToken));

        Assert.True(ex.IsTransient);
        Assert.Equal(4, _handler.Requests.Count);
    }

    [Fact]
    public async Task Update_412_IsAConcurrencyException()
    {
        _handler.Respond(HttpStatusCode.PreconditionFailed, Fixture.Text("dataverse-webapi/error-412-concurrency-etag-mismatch.json"),
            r => r.Headers.Add("x-ms-service-request-id", "req-412"));

        var ex = await Assert.ThrowsAsync<DataverseConcurrencyException>(() =>
            _sut.UpdateAsync("contacts", Guid.NewGuid(), new JsonObject { ["cpc_personafit"] = 0.5 }, "W/\"72201545\"", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.Status);
        Assert.Equal("req-412", ex.RequestId);
        Assert.Contains("RowVersion", ex.ServiceMessage, StringComparison.Ordinal);
        var request = _handler.Requests.Single().Request;
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("W/\"72201545\"", request.Headers.GetValues("If-Match").Single());
    }

    [Fact]
    public async Task Update_WithoutETag_NeverCreates()
    {
        _handler.Respond(HttpStatusCode.NoContent);

        await _sut.UpdateAsync("contacts", Guid.NewGuid(), new JsonObject(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("*", _handler.Requests.Single().Request.Headers.GetValues("If-Match").Single());
    }

    [Fact]
    public async Task Error_WithAnnotations_CarriesCodeMessageAndRequestId()
    {
        _handler.Respond(HttpStatusCode.BadRequest, Fixture.Text("dataverse-webapi/error-400-plugin-with-annotations.json"), r => r.Headers.Add("x-ms-service-request-id", "req-400"));

        var ex = await Assert.ThrowsAsync<DataverseException>(() => _sut.CreateAsync("accounts", new JsonObject(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, ex.Status);
        Assert.Equal("0x80040265", ex.ErrorCode);
        Assert.Equal("Example Error Message.", ex.ServiceMessage);
        Assert.Equal("req-400", ex.RequestId);
        Assert.False(ex.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Error_WithoutBody_UsesTheReason()
    {
        _handler.Respond(HttpStatusCode.Forbidden);

        var ex = await Assert.ThrowsAsync<DataverseException>(() => _sut.CreateAsync("accounts", new JsonObject(), TestContext.Current.CancellationToken));

        Assert.Null(ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, ex.Status);
    }

    [Fact]
    public async Task Retrieve_NotFound_IsNull_AndDelete_NotFound_IsFine()
    {
        _handler.Respond(HttpStatusCode.NotFound, """{"error":{"code":"0x80040217","message":"Not found"}}""").Respond(HttpStatusCode.NotFound);

        Assert.Null(await _sut.RetrieveAsync("contacts", Guid.NewGuid(), cancellationToken: TestContext.Current.CancellationToken));
        await _sut.DeleteAsync("contacts", Guid.NewGuid(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Upsert_EscapesTheAlternateKey()
    {
        _handler.Respond(HttpStatusCode.NoContent);

        await _sut.UpsertAsync("cpc_driftfindings", new Dictionary<string, object> { ["cpc_key"] = "O'Brien' or 1 eq 1" }, new JsonObject(), TestContext.Current.CancellationToken);

        Assert.Equal("cpc_driftfindings(cpc_key=%27O%27%27Brien%27%27%20or%201%20eq%201%27)", _handler.Requests.Single().Request.RequestUri!.Segments[^1]);
    }

    [Fact]
    public async Task Batch_WritesAChangesetAndReadsTheCrlfResponse()
    {
        var response = Fixture.Text("dataverse-webapi/batch-changeset-response.http");
        _handler.Respond(HttpStatusCode.OK, response, r => r.Content!.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f"));

        var items = await _sut.ExecuteBatchAsync(
            [new BatchOperation("POST", "tasks", new JsonObject { ["subject"] = "Task 1" }), new BatchOperation("POST", "tasks", new JsonObject { ["subject"] = "Task 2" })],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, items.Count);
        Assert.Equal(["1", "2", null], items.Select(i => i.ContentId));
        Assert.Equal(HttpStatusCode.NoContent, items[0].Status);
        Assert.EndsWith("tasks(a59c24f3-fafc-e411-80dd-00155d2a68cb)", items[0].EntityId!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("Task Created with Test Account", items[2].Body, StringComparison.Ordinal);
        var body = _handler.Requests.Single().Body!;
        Assert.Contains("\r\nContent-ID: 2\r\n", body, StringComparison.Ordinal);
        Assert.Contains("multipart/mixed; boundary=changeset_", body, StringComparison.Ordinal);
        Assert.Contains("POST " + Fixture.Org + "/api/data/v9.2/tasks HTTP/1.1\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_TooManyOperations_IsRefused()
    {
        var operations = Enumerable.Range(0, 1001).Select(_ => new BatchOperation("DELETE", "tasks(00000000-0000-0000-0000-000000000001)")).ToList();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _sut.ExecuteBatchAsync(operations, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Action_Bound_UsesTheNamespace()
    {
        _handler.Respond(HttpStatusCode.NoContent);
        var email = Guid.NewGuid();

        await _sut.ExecuteActionAsync("SendEmail", new JsonObject { ["IssueSend"] = true }, "emails", email, TestContext.Current.CancellationToken);

        Assert.EndsWith($"emails({email:D})/Microsoft.Dynamics.CRM.SendEmail", _handler.Requests.Single().Request.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrency_IsBounded()
    {
        using var client = new DataverseWebApiClient(new HttpClient(_handler), _credential, new DataverseOptions { EnvironmentUrl = Fixture.Org, MaxConcurrency = 2 });
        _handler.Fallback = async (_, ct) =>
        {
            await Task.Delay(20, ct);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        };

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.DeleteAsync("tasks", Guid.NewGuid(), TestContext.Current.CancellationToken)));

        Assert.Equal(10, _handler.Requests.Count);
        Assert.InRange(_handler.MaxInFlight, 1, 2);
    }

    [Fact]
    public async Task Timeout_BecomesATransientError()
    {
        // The per-attempt timeout must leave each attempt time to reach the handler on a loaded machine (at 50 ms a retry
        // sometimes timed out before it was sent, and the test counted one request).
        using var client = new DataverseWebApiClient(new HttpClient(_handler), _credential, new DataverseOptions { EnvironmentUrl = Fixture.Org, MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero, Timeout = TimeSpan.FromMilliseconds(500) });
        _handler.Fallback = async (_, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        };

        var ex = await Assert.ThrowsAsync<DataverseException>(() => client.DeleteAsync("tasks", Guid.NewGuid(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.GatewayTimeout, ex.Status);
        Assert.Equal(2, _handler.Requests.Count);
    }
}
