using System.CommandLine;
using CrmPersonCentric.Dataverse.Registration;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using Spectre.Console;

namespace CrmPersonCentric.Cli;

public static partial class CpcApp
{
    /// <summary>Environment variable holding the Functions key by default (keys never go on the command line).</summary>
    public const string WebhookKeyVariable = "CPC_WEBHOOK_KEY";

    /// <summary>Environment variable holding the client secret for --auth ClientSecret.</summary>
    public const string ClientSecretVariable = "CPC_CLIENT_SECRET";

    private static Command RegisterCommand(IAnsiConsole console, TextWriter error, Func<DataverseOptions, IDataverseClient>? clientFactory)
    {
        var connection = new ConnectionOptions();
        var webhookUrl = new Option<string>("--webhook-url") { Description = "The Functions webhook URL (https://<app>.azurewebsites.net/api/dataverse-webhook).", Required = true };
        var keyVariable = new Option<string>("--webhook-key-variable") { Description = $"Environment variable holding the Functions key (default {WebhookKeyVariable}); unset keeps the registered key.", DefaultValueFactory = _ => WebhookKeyVariable };
        var endpointName = new Option<string>("--endpoint-name") { Description = "Name of the webhook service endpoint.", DefaultValueFactory = _ => RegistrationRequest.DefaultEndpointName };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change without writing." };
        var command = new Command("register", "Create or update the webhook service endpoint and every plug-in step, idempotently.")
        {
            webhookUrl, keyVariable, endpointName, dryRun,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => GuardedAsync(error, async () =>
        {
            var options = connection.Read(parse);
            if (!Uri.TryCreate(parse.GetValue(webhookUrl), UriKind.Absolute, out var webhook))
            {
                throw new ArgumentException($"--webhook-url: '{parse.GetValue(webhookUrl)}' is not an absolute URL.");
            }

            var key = Environment.GetEnvironmentVariable(parse.GetValue(keyVariable)!);
            var request = new RegistrationRequest(parse.GetValue(endpointName)!, webhook, string.IsNullOrWhiteSpace(key) ? null : key);
            var client = ConnectionOptions.Client(options, clientFactory);
            try
            {
                var isDryRun = parse.GetValue(dryRun);
                var actions = await new WebhookRegistrar(client).RegisterAsync(request, StepCatalog.All, isDryRun, cancellationToken).ConfigureAwait(false);
                foreach (var action in actions)
                {
                    // Plain lines, never wrapped: people copy step names from them and scripts grep them.
                    console.Profile.Out.Writer.WriteLine((isDryRun && action.Kind != Dataverse.Registration.RegistrationActionKind.Unchanged ? "would " : string.Empty) + action);
                }

                console.WriteLine($"{actions.Count(a => a.Kind == Dataverse.Registration.RegistrationActionKind.Create)} to create, {actions.Count(a => a.Kind == Dataverse.Registration.RegistrationActionKind.Update)} to update, {actions.Count(a => a.Kind == Dataverse.Registration.RegistrationActionKind.Unchanged)} unchanged{(isDryRun ? " (dry run: nothing written)" : string.Empty)}.");
                foreach (var note in await Solution.Deployment.FormReach.CheckAsync(client, cancellationToken).ConfigureAwait(false))
                {
                    console.Profile.Out.Writer.WriteLine("note: " + note);
                }

                return Ok;
            }
            finally
            {
                (client as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static Command UnregisterCommand(IAnsiConsole console, TextWriter error, Func<DataverseOptions, IDataverseClient>? clientFactory)
    {
        var connection = new ConnectionOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed without removing it." };
        var command = new Command("unregister", "Remove the steps `cpc register` created outside the solution (the synchronous drift rule validation): the first step of an uninstall, which Dataverse refuses while they point at the solution's endpoint.")
        {
            dryRun,
        };
        connection.AddTo(command);
        command.SetAction((parse, cancellationToken) => GuardedAsync(error, async () =>
        {
            var options = connection.Read(parse);
            var client = ConnectionOptions.Client(options, clientFactory);
            try
            {
                var isDryRun = parse.GetValue(dryRun);
                var actions = await new WebhookRegistrar(client).UnregisterAsync(StepCatalog.RegisteredOnly, isDryRun, cancellationToken).ConfigureAwait(false);
                foreach (var action in actions)
                {
                    console.Profile.Out.Writer.WriteLine((isDryRun && action.Kind == Dataverse.Registration.RegistrationActionKind.Delete ? "would " : string.Empty) + action);
                }

                console.WriteLine($"{actions.Count(a => a.Kind == Dataverse.Registration.RegistrationActionKind.Delete)} to remove, {actions.Count(a => a.Kind == Dataverse.Registration.RegistrationActionKind.Absent)} already gone{(isDryRun ? " (dry run: nothing removed)" : string.Empty)}. The solution's own steps and endpoint go with the solution: delete it next (docs/deploy.md, \"Uninstalling\").");
                return Ok;
            }
            finally
            {
                (client as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private static async Task<int> GuardedAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (DataverseException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return IoFailure;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return BadInput;
        }
    }

    /// <summary>The options every command that signs in to Dataverse takes: the environment and how to sign in.</summary>
    private sealed class ConnectionOptions
    {
        private readonly Option<string> _environment = new("--environment", "-e") { Description = "Dataverse environment URL, e.g. https://contoso.crm.dynamics.com.", Required = true };
        private readonly Option<DataverseAuthentication> _auth = new("--auth") { Description = "How to sign in: Developer (Azure CLI / Visual Studio), ClientSecret, ManagedIdentity.", DefaultValueFactory = _ => DataverseAuthentication.Developer };
        private readonly Option<string?> _tenant = new("--tenant-id") { Description = "Tenant id (ClientSecret)." };
        private readonly Option<string?> _clientId = new("--client-id") { Description = $"Application id (ClientSecret; the secret is read from {ClientSecretVariable})." };

        /// <summary>Puts the options first in the command's list (and its help).</summary>
        public void AddTo(Command command)
        {
            command.Options.Insert(0, _environment);
            command.Options.Insert(1, _auth);
            command.Options.Insert(2, _tenant);
            command.Options.Insert(3, _clientId);
        }

        /// <summary>The connection settings; the client secret comes from the environment, never the command line.</summary>
        /// <exception cref="ArgumentException">--environment is not an https URL.</exception>
        public DataverseOptions Read(ParseResult parse)
        {
            if (!Uri.TryCreate(parse.GetValue(_environment), UriKind.Absolute, out var environmentUrl) || environmentUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"--environment: '{parse.GetValue(_environment)}' is not an https URL such as https://contoso.crm.dynamics.com.");
            }

            return new DataverseOptions
            {
                EnvironmentUrl = environmentUrl.AbsoluteUri,
                Authentication = parse.GetValue(_auth),
                TenantId = parse.GetValue(_tenant),
                ClientId = parse.GetValue(_clientId),
                ClientSecret = Environment.GetEnvironmentVariable(ClientSecretVariable),
            };
        }

        public static IDataverseClient Client(DataverseOptions options, Func<DataverseOptions, IDataverseClient>? factory) =>
            factory?.Invoke(options) ?? new DataverseWebApiClient(new HttpClient(), DataverseCredentialFactory.Create(options), options);
    }
}
