using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Solution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>
/// The shipped "CrmPersonCentric backend" role against the Web API calls the backend makes: every method of every port the
/// backend implements over the Web API runs against a recording client, the calls become privileges (the way Dataverse
/// checks them), and the role must grant exactly those: nothing missing, nothing unused.
/// </summary>
public sealed class BackendRoleTests
{
    private const string RoleName = "CrmPersonCentric backend";
    private const string Global = "Global";
    private const string Basic = "Basic";

    /// <summary>
    /// The table whose privileges guard an entity set. Activities (e-mail) share the Activity privileges, system users
    /// are "User"; system tables use their schema name, ours their (lower-case) schema name.
    /// </summary>
    private static readonly Dictionary<string, string> PrivilegeTable = new(StringComparer.Ordinal)
    {
        [Tables.Contact.EntitySet] = "Contact",
        [Tables.Account.EntitySet] = "Account",
        ["emails"] = "Activity",
        ["systemusers"] = "User",
        [Tables.Persona.EntitySet] = Tables.Persona.Name,
        [Tables.TraitTaxonomy.EntitySet] = Tables.TraitTaxonomy.Name,
        [Tables.MessageTheme.EntitySet] = Tables.MessageTheme.Name,
        [Tables.BehaviourSignal.EntitySet] = Tables.BehaviourSignal.Name,
        [Tables.DriftRule.EntitySet] = Tables.DriftRule.Name,
        [Tables.DriftFinding.EntitySet] = Tables.DriftFinding.Name,
        [Tables.PersonaRevision.EntitySet] = Tables.PersonaRevision.Name,
    };

    /// <summary>Navigation properties the backend expands, and the entity set they lead to.</summary>
    private static readonly Dictionary<string, string> ExpandTargets = new(StringComparer.Ordinal)
    {
        ["parentcustomerid_account"] = Tables.Account.EntitySet,
    };

    private static readonly Guid PersonaId = Guid.Parse(WebhookPayloads.PersonaId);
    private static readonly Guid ContactId = Guid.Parse(WebhookPayloads.ContactId);

    [Fact]
    public void Role_grants_exactly_what_the_backend_web_api_calls_need()
    {
        var (calls, _) = Run();
        var needed = Required(calls);
        var granted = PackedRole();

        var missing = needed.Except(granted).Order().ToList();
        var unused = granted.Except(needed).Order().ToList();

        Assert.True(missing.Count + unused.Count == 0, $"The role lacks: {string.Join(", ", missing)}. It grants what no backend call uses: {string.Join(", ", unused)}.");
    }

    [Fact]
    public void Every_web_api_port_method_of_the_backend_is_exercised()
    {
        var (_, exercised) = Run();
        var ports = WebApiPorts().SelectMany(p => p.GetMethods().Select(m => p.Name + "." + m.Name)).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(ports);
        Assert.Equal(ports, exercised.Where(e => e.StartsWith('I')).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Role_is_in_the_solution_next_to_the_user_roles()
    {
        var roles = PackedCustomizations().Root!.Element("Roles")!.Elements("Role").Select(r => r.Attribute("name")!.Value).ToList();

        Assert.Contains(RoleName, roles);
        Assert.Equal(4, roles.Count);
    }

    /// <summary>The privileges a sequence of calls needs, with the depth the backend needs them at.</summary>
    private static HashSet<(string Privilege, string Depth)> Required(IEnumerable<DataverseCall> calls)
    {
        var needed = new HashSet<(string, string)>();
        void Need(string action, string entitySet)
        {
            var table = PrivilegeTable.TryGetValue(entitySet, out var t) ? t : throw new Xunit.Sdk.XunitException($"Unknown entity set '{entitySet}': add it to PrivilegeTable.");

            // The backend works on every user's rows; only the e-mails it creates are its own.
            needed.Add(("prv" + action + table, table == "Activity" ? Basic : Global));
        }

        foreach (var call in calls)
        {
            var set = call.EntitySet!;
            switch (call)
            {
                case { Action: "SendEmail" }:
                    // SendEmail needs prvReadActivity, prvWriteActivity and prvReadUser; sending from another user (the
                    // configured sender) needs prvSendAsUser.
                    Need("Read", set);
                    Need("Write", set);
                    Need("Read", "systemusers");
                    needed.Add(("prvSendAsUser", Global));
                    break;
                case { Action: { } other }:
                    throw new Xunit.Sdk.XunitException($"Action '{other}' has no privilege rule here: add one from its documentation.");
                case { Method: "GET" }:
                    Need("Read", set);
                    if (call.Expand is { } expand)
                    {
                        foreach (var navigation in Navigations(expand))
                        {
                            Need("Read", ExpandTargets.TryGetValue(navigation, out var target) ? target : throw new Xunit.Sdk.XunitException($"Unknown expand '{navigation}'."));
                        }
                    }

                    break;
                case { Method: "POST" }:
                    Need("Create", set);
                    break;
                case { Method: "PATCH" }:
                    Need("Write", set);
                    if (call.IsUpsert)
                    {
                        Need("Create", set);
                    }

                    break;
                case { Method: "DELETE" }:
                    Need("Delete", set);
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"Unexpected call {call}.");
            }

            // A lookup set through @odata.bind appends this row to the target row (Append here, AppendTo there), also
            // inside a deep insert such as an e-mail's activity parties.
            foreach (var target in Binds(call.Body))
            {
                Need("Append", set);
                Need("AppendTo", target);
            }
        }

        return needed;
    }

    /// <summary>The navigation properties of an $expand, without their nested options ("a($select=x,y),b" → a, b).</summary>
    private static IEnumerable<string> Navigations(string expand)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= expand.Length; i++)
        {
            if (i == expand.Length || (expand[i] == ',' && depth == 0))
            {
                yield return expand[start..i].Split('(')[0].Trim();
                start = i + 1;
            }
            else if (expand[i] == '(')
            {
                depth++;
            }
            else if (expand[i] == ')')
            {
                depth--;
            }
        }
    }

    private static IEnumerable<string> Binds(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key.EndsWith("@odata.bind", StringComparison.Ordinal) && p.Value is JsonValue v
            ? [v.GetValue<string>().TrimStart('/').Split('(')[0]]
            : Binds(p.Value)),
        JsonArray a => a.SelectMany(Binds),
        _ => [],
    };

    /// <summary>Every Web API port method of the backend, run once against seeded rows; the calls and the methods run.</summary>
    private static (List<DataverseCall> Calls, List<string> Exercised) Run()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(Tables.Persona.EntitySet, DataverseRows.Persona(), PersonaId);
        var contact = new JsonObject
        {
            ["contactid"] = WebhookPayloads.ContactId,
            ["cpc_corefears"] = "Fear of missing quota",
            ["_cpc_personaid_value"] = WebhookPayloads.PersonaId,
            ["parentcustomerid_account"] = DataverseRows.Account(),
        };
        dataverse.Add(Tables.Contact.EntitySet, contact, ContactId);
        var recording = new RecordingDataverse(dataverse);
        using var services = Services(recording);
        var ct = TestContext.Current.CancellationToken;
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.1 });
        var evaluation = new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value), data.Rules);
        var contacts = services.GetRequiredService<IContactRecords>();
        var personas = services.GetRequiredService<IPersonaRecords>();
        var revisions = services.GetRequiredService<IPersonaRevisions>();

        var scenarios = new Dictionary<string, Func<Task>>(StringComparer.Ordinal)
        {
            ["IContactRecords.TaggedContactsAsync"] = async () => await contacts.TaggedContactsAsync(ct).ToListAsync(ct),
            ["IContactRecords.FindAsync"] = () => contacts.FindAsync(ContactId, ct),
            ["IContactRecords.ComputedColumnsAsync"] = () => contacts.ComputedColumnsAsync(ContactId, ct),
            ["IContactRecords.WriteComputedColumnsAsync"] = () => contacts.WriteComputedColumnsAsync(ContactId, new ComputedColumnsChange(0.5, true, "summary", DateTimeOffset.UnixEpoch), ct),
            ["IAccountProfiles.FindAsync"] = () => services.GetRequiredService<IAccountProfiles>().FindAsync(Guid.NewGuid(), ct),
            ["IPersonaSource.ActivePersonasAsync"] = () => services.GetRequiredService<IPersonaSource>().ActivePersonasAsync(ct),
            ["IPersonaSource.FindAsync"] = () => services.GetRequiredService<IPersonaSource>().FindAsync(PersonaId, ct),
            ["IPersonaRecords.FindRecordAsync"] = () => personas.FindRecordAsync(PersonaId, ct),
            ["IPersonaRecords.SaveVersionAsync"] = async () =>
            {
                var current = await personas.FindRecordAsync(PersonaId, ct) ?? throw new InvalidOperationException("persona not seeded");
                await personas.SaveVersionAsync(current, current.Persona, "v3: test", ct);
            },
            ["IPersonaRecords.RecordDepthAsync"] = () => personas.RecordDepthAsync(PersonaId, "• No core fears are declared.", DateTimeOffset.UnixEpoch, ct),
            ["IDriftRuleSource.ActiveRulesAsync"] = () => services.GetRequiredService<IDriftRuleSource>().ActiveRulesAsync(ct),
            // Not a port: the drift rule step reads a rule back through the adapter when a delivery lacks its image.
            ["WebApiDriftRuleSource.FindStoredAsync"] = () => services.GetRequiredService<WebApiDriftRuleSource>().FindStoredAsync(Guid.NewGuid(), ct),
            ["IDriftResultWriter.WriteAsync"] = () => services.GetRequiredService<IDriftResultWriter>().WriteAsync(evaluation, ct),
            ["IPersonaRevisions.FindAsync"] = () => revisions.FindAsync(Guid.NewGuid(), ct),
            ["IPersonaRevisions.DecisionAsync"] = () => revisions.DecisionAsync(Guid.NewGuid(), ct),
            ["IPersonaRevisions.MarkAppliedAsync"] = () => revisions.MarkAppliedAsync(Guid.NewGuid(), ct),
            ["IRevisionDecisions.DecidedSinceAsync"] = () => services.GetRequiredService<IRevisionDecisions>().DecidedSinceAsync(DateTimeOffset.UnixEpoch, ct),
            ["IRevisionDecisions.ProposedRowsAsync"] = () => services.GetRequiredService<IRevisionDecisions>().ProposedRowsAsync(ct),
            ["IBehaviourSignalRecords.FindAsync"] = () => services.GetRequiredService<IBehaviourSignalRecords>().FindAsync(Guid.NewGuid(), ct),
            ["ITraitTaxonomySource.NormalizerAsync"] = async () => await services.GetRequiredService<ITraitTaxonomySource>().NormalizerAsync(ct),
            ["IThemeTaxonomySource.ThemesAsync"] = async () => await services.GetRequiredService<IThemeTaxonomySource>().ThemesAsync(ct),
            ["IReportMailer.SendAsync"] = () => services.GetRequiredService<IReportMailer>().SendAsync(new ReportMail(Guid.NewGuid(), Guid.NewGuid(), "Weekly drift", "<p>report</p>"), ct),
        };
        foreach (var scenario in scenarios.Values)
        {
            scenario().GetAwaiter().GetResult();
        }

        Assert.Contains(recording.Calls, c => c.Method == "PATCH" && c.EntitySet == Tables.DriftFinding.EntitySet);
        return ([.. recording.Calls], [.. scenarios.Keys]);
    }

    /// <summary>The port interfaces whose registered implementation (in the backend's own container) talks to the Web API.</summary>
    private static List<Type> WebApiPorts()
    {
        var recording = new RecordingDataverse(new FakeDataverse());
        var collection = Collection(recording);
        using var services = collection.BuildServiceProvider();
        using var scope = services.CreateScope();
        return [.. collection.Select(d => d.ServiceType).Distinct()
            .Where(t => t.IsInterface && t.Namespace == typeof(IContactRecords).Namespace)
            .Where(t => TalksToWebApi(scope.ServiceProvider.GetRequiredService(t).GetType()))];
    }

    /// <summary>True when the type takes the Web API client, or wraps an adapter that does (the persona cache).</summary>
    private static bool TalksToWebApi(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Any(p => p == typeof(IDataverseClient) || (p.IsClass && p != type && p.Namespace == type.Namespace && TalksToWebApi(p)));

    private static ServiceProvider Services(IDataverseClient client) => Collection(client).BuildServiceProvider();

    private static ServiceCollection Collection(IDataverseClient client)
    {
        var services = BackendServices.Compose(new Dictionary<string, string?> { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm.dynamics.com" });
        services.AddSingleton(client);
        return services;
    }

    private static HashSet<(string Privilege, string Depth)> PackedRole() =>
        [.. PackedCustomizations().Root!.Element("Roles")!.Elements("Role").Single(r => r.Attribute("name")!.Value == RoleName)
            .Element("RolePrivileges")!.Elements("RolePrivilege").Select(p => (p.Attribute("name")!.Value, p.Attribute("level")!.Value))];

    private static XDocument PackedCustomizations()
    {
        using var dir = new TempDirectory();
        var packed = SolutionPacker.Pack(RepositoryRoot.Combine("solution"), dir.Path, managed: false);
        using var zip = ZipFile.OpenRead(packed.ZipPath);
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        return XDocument.Load(stream);
    }
}
