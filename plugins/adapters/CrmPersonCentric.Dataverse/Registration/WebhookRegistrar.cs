using System.Globalization;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Dataverse.Registration;

/// <summary>
/// Creates or updates, idempotently, the webhook service endpoint (contract 8 Webhook, auth type 4 WebhookKey, so the
/// Functions key travels as ?code=) and every declared step with its filtering attributes and images. A dry run reads
/// the environment and reports what it would change without writing.
/// </summary>
public sealed class WebhookRegistrar(IDataverseClient client)
{
    /// <summary>serviceendpoint.contract value of a webhook.</summary>
    public const int WebhookContract = 8;

    /// <summary>serviceendpoint.authtype value of WebhookKey.</summary>
    public const int WebhookKeyAuthType = 4;

    /// <summary>sdkmessageprocessingstep.statecode Enabled and its statuscode (1 Enabled).</summary>
    private const int StepEnabled = 0;

    private const int StepEnabledStatus = 1;

    private const string Endpoints = "serviceendpoints";
    private const string StepsSet = "sdkmessageprocessingsteps";
    private const string ImagesSet = "sdkmessageprocessingstepimages";

    /// <summary>Registers (or plans, with <paramref name="dryRun"/>) the endpoint and the steps.</summary>
    public async Task<IReadOnlyList<RegistrationAction>> RegisterAsync(RegistrationRequest request, IReadOnlyList<StepRegistration> steps, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(steps);
        if (request.WebhookUrl.Scheme != Uri.UriSchemeHttps || !request.WebhookUrl.IsDefaultPort)
        {
            throw new ArgumentException("The webhook URL must be HTTPS on port 443 (Dataverse webhooks only call ports 80 and 443).", nameof(request));
        }

        if (request.WebhookUrl.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The webhook URL '{request.WebhookUrl.Host}' is the solution's placeholder: give the Functions app's webhook URL (https://<app>.azurewebsites.net/api/dataverse-webhook).", nameof(request));
        }

        var actions = new List<RegistrationAction>();
        var endpointId = await EnsureEndpointAsync(request, dryRun, actions, cancellationToken).ConfigureAwait(false);
        foreach (var step in steps)
        {
            await EnsureStepAsync(step, endpointId, dryRun, actions, cancellationToken).ConfigureAwait(false);
        }

        return actions;
    }

    /// <summary>
    /// Removes (or plans, with <paramref name="dryRun"/>) the steps registration created outside the solution, by name:
    /// unmanaged, they point at the solution's managed endpoint, and Dataverse refuses to uninstall a solution whose
    /// components something unmanaged depends on. Their images go with them.
    /// </summary>
    public async Task<IReadOnlyList<RegistrationAction>> UnregisterAsync(IReadOnlyList<StepRegistration> steps, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var actions = new List<RegistrationAction>();
        foreach (var step in steps)
        {
            var existing = await FirstAsync(StepsSet, ODataLiteral.Filter($"name eq {step.Name}"), ["sdkmessageprocessingstepid", "name"], cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                actions.Add(new(RegistrationActionKind.Absent, "sdkmessageprocessingstep", step.Name, []));
                continue;
            }

            actions.Add(new(RegistrationActionKind.Delete, "sdkmessageprocessingstep", step.Name, []));
            if (!dryRun)
            {
                // A step's images are deleted with it (they are its child rows).
                await client.DeleteAsync(StepsSet, Guid.Parse(existing["sdkmessageprocessingstepid"]!.GetValue<string>()), cancellationToken).ConfigureAwait(false);
            }
        }

        return actions;
    }

    private async Task<Guid?> EnsureEndpointAsync(RegistrationRequest request, bool dryRun, List<RegistrationAction> actions, CancellationToken cancellationToken)
    {
        var existing = await FirstAsync(Endpoints, ODataLiteral.Filter($"name eq {request.EndpointName}"), ["serviceendpointid", "name", "url", "contract", "authtype"], cancellationToken).ConfigureAwait(false);
        var desired = new JsonObject
        {
            ["name"] = request.EndpointName,
            ["url"] = request.WebhookUrl.AbsoluteUri,
            ["contract"] = WebhookContract,
            ["authtype"] = WebhookKeyAuthType,
        };
        if (existing is null)
        {
            if (request.WebhookKey is null)
            {
                throw new ArgumentException("A new webhook endpoint needs the Functions key (WebhookKey authentication).", nameof(request));
            }

            desired["authvalue"] = request.WebhookKey;
            actions.Add(new(RegistrationActionKind.Create, "serviceendpoint", request.EndpointName, []));
            return dryRun ? null : await client.CreateAsync(Endpoints, desired, cancellationToken).ConfigureAwait(false);
        }

        var id = Guid.Parse(existing["serviceendpointid"]!.GetValue<string>());
        var changes = Differences(existing, desired);
        if (request.WebhookKey is not null)
        {
            // The key cannot be read back (authvalue is write-only), so a given key is always written.
            desired["authvalue"] = request.WebhookKey;
            changes.Add("authvalue");
        }

        await UpdateIfChangedAsync(Endpoints, id, desired, changes, "serviceendpoint", request.EndpointName, dryRun, actions, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task EnsureStepAsync(StepRegistration step, Guid? endpointId, bool dryRun, List<RegistrationAction> actions, CancellationToken cancellationToken)
    {
        var message = await FirstAsync("sdkmessages", ODataLiteral.Filter($"name eq {step.Message}"), ["sdkmessageid"], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The environment has no SDK message '{step.Message}'.");
        var messageId = Guid.Parse(message["sdkmessageid"]!.GetValue<string>());
        var filter = await FirstAsync("sdkmessagefilters", ODataLiteral.Filter($"primaryobjecttypecode eq {step.Table} and _sdkmessageid_value eq {messageId}"), ["sdkmessagefilterid"], cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The environment has no '{step.Message}' message for table '{step.Table}': is the solution imported?");
        var desired = new JsonObject
        {
            ["name"] = step.Name,
            ["description"] = step.Description,
            ["stage"] = (int)step.Stage,
            ["mode"] = (int)step.Mode,
            ["rank"] = step.Rank,
            ["filteringattributes"] = step.FilteringAttributes.IsDefaultOrEmpty ? null : string.Join(',', step.FilteringAttributes),
            ["supporteddeployment"] = 0,
            ["asyncautodelete"] = step.Mode == StepMode.Asynchronous,
        };
        var existing = await FirstAsync(StepsSet, ODataLiteral.Filter($"name eq {step.Name}"), ["sdkmessageprocessingstepid", "name", "description", "stage", "mode", "rank", "filteringattributes", "supporteddeployment", "asyncautodelete", "_eventhandler_value", "statecode"], cancellationToken).ConfigureAwait(false);
        var bindings = new Dictionary<string, string>
        {
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({messageId:D})",
            ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({filter["sdkmessagefilterid"]!.GetValue<string>()})",
        };
        if (endpointId is { } endpoint)
        {
            bindings["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpoint:D})";
        }

        Guid? stepId;
        if (existing is null)
        {
            actions.Add(new(RegistrationActionKind.Create, "sdkmessageprocessingstep", step.Name, []));
            foreach (var (key, value) in bindings)
            {
                desired[key] = value;
            }

            stepId = dryRun ? null : await client.CreateAsync(StepsSet, desired, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            stepId = Guid.Parse(existing["sdkmessageprocessingstepid"]!.GetValue<string>());
            var changes = Differences(existing, desired);
            if (endpointId is { } e && !string.Equals(existing["_eventhandler_value"]?.GetValue<string>(), e.ToString("D"), StringComparison.OrdinalIgnoreCase))
            {
                desired["eventhandler_serviceendpoint@odata.bind"] = bindings["eventhandler_serviceendpoint@odata.bind"];
                changes.Add("eventhandler");
            }

            // An import can leave the solution's steps disabled (the import option that activates processes is off); a step
            // that exists but is disabled is enabled here, since registration is what makes the endpoint real.
            if (existing["statecode"] is JsonValue state && state.TryGetValue<int>(out var code) && code != StepEnabled)
            {
                desired["statecode"] = StepEnabled;
                desired["statuscode"] = StepEnabledStatus;
                changes.Add("statecode");
            }

            await UpdateIfChangedAsync(StepsSet, stepId.Value, desired, changes, "sdkmessageprocessingstep", step.Name, dryRun, actions, cancellationToken).ConfigureAwait(false);
        }

        foreach (var image in step.Images)
        {
            await EnsureImageAsync(image, step.Message, stepId, step.Name, dryRun, actions, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureImageAsync(ImageRegistration image, string message, Guid? stepId, string stepName, bool dryRun, List<RegistrationAction> actions, CancellationToken cancellationToken)
    {
        var desired = new JsonObject
        {
            ["name"] = image.Alias,
            ["entityalias"] = image.Alias,
            ["imagetype"] = (int)image.Type,
            ["messagepropertyname"] = ImageRegistration.MessagePropertyFor(message),
            ["attributes"] = string.Join(',', image.Attributes),
        };
        var label = stepName + " / " + image.Alias;
        var existing = stepId is { } id
            ? await FirstAsync(ImagesSet, ODataLiteral.Filter($"_sdkmessageprocessingstepid_value eq {id} and entityalias eq {image.Alias}"), ["sdkmessageprocessingstepimageid", "name", "entityalias", "imagetype", "messagepropertyname", "attributes"], cancellationToken).ConfigureAwait(false)
            : null;
        if (existing is null)
        {
            actions.Add(new(RegistrationActionKind.Create, "sdkmessageprocessingstepimage", label, []));
            if (!dryRun && stepId is { } parent)
            {
                desired["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({parent:D})";
                await client.CreateAsync(ImagesSet, desired, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var imageId = Guid.Parse(existing["sdkmessageprocessingstepimageid"]!.GetValue<string>());
        await UpdateIfChangedAsync(ImagesSet, imageId, desired, Differences(existing, desired), "sdkmessageprocessingstepimage", label, dryRun, actions, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateIfChangedAsync(string entitySet, Guid id, JsonObject desired, List<string> changes, string table, string name, bool dryRun, List<RegistrationAction> actions, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            actions.Add(new(RegistrationActionKind.Unchanged, table, name, []));
            return;
        }

        actions.Add(new(RegistrationActionKind.Update, table, name, changes));
        if (!dryRun)
        {
            await client.UpdateAsync(entitySet, id, desired, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject?> FirstAsync(string entitySet, string filter, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await foreach (var row in client.QueryAsync(entitySet, new ODataQuery { Filter = filter, Select = columns, Top = 1 }, cancellationToken).ConfigureAwait(false))
        {
            return row;
        }

        return null;
    }

    /// <summary>The desired columns whose value differs from the existing row (comparing the JSON text).</summary>
    private static List<string> Differences(JsonObject existing, JsonObject desired) =>
        [.. desired.Where(p => !p.Key.Contains('@', StringComparison.Ordinal) && !Same(existing[p.Key], p.Value)).Select(p => p.Key)];

    private static bool Same(JsonNode? a, JsonNode? b)
    {
        static string Text(JsonNode? n) => n switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            _ => n.ToJsonString(),
        };

        return string.Equals(Text(a), Text(b), StringComparison.Ordinal);
    }
}
