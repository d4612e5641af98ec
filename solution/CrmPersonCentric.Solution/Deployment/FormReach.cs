using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Solution.Schema;
using CrmPersonCentric.Solution.Xml;

namespace CrmPersonCentric.Solution.Deployment;

/// <summary>
/// Whether the person-centric contact form (with the enrichment panel) reaches the people who open contacts: it must be
/// imported and active, and an app that lists its own contact forms (Sales Hub may) shows only those. Reads only; says
/// what to do where the form does not reach. What it cannot read (a role without the privilege, an environment without
/// the tables) it says too, and never fails the caller.
/// </summary>
public static class FormReach
{
    /// <summary>The unique name of Dynamics 365 Sales' model-driven app.</summary>
    public const string SalesHub = "msdynce_saleshub";

    /// <summary>appmodulecomponent.componenttype of a form.</summary>
    private const int FormComponent = 60;

    /// <summary>The packed contact form's id (stable across packs).</summary>
    public static Guid ContactFormId { get; } = FormXml.IdOf(SolutionForms.For(SolutionSchema.Contact).Single());

    /// <summary>What stands between sales users and the form: one line each; empty when nothing does.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IDataverseClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var notes = new List<string>();
        try
        {
            var form = await client.RetrieveAsync("systemforms", ContactFormId, ["formid", "formactivationstate"], cancellationToken).ConfigureAwait(false);
            if (form is null)
            {
                notes.Add("The form 'Contact (person-centric)' is not in the environment: import the solution (docs/deploy.md, step 4).");
                return notes;
            }

            if (form["formactivationstate"] is JsonValue state && state.TryGetValue<int>(out var active) && active != 1)
            {
                notes.Add("The form 'Contact (person-centric)' is inactive: activate it (Power Apps → Tables → Contact → Forms → Activate).");
            }

            if (await FirstAsync(client, "appmodules", ODataLiteral.Filter($"uniquename eq {SalesHub}"), ["appmoduleid", "appmoduleidunique"], cancellationToken).ConfigureAwait(false) is not { } app
                || app["appmoduleidunique"]?.GetValue<string>() is not { } unique || !Guid.TryParse(unique, out var appUnique))
            {
                return notes;
            }

            var listed = new HashSet<Guid>();
            await foreach (var component in client.QueryAsync("appmodulecomponents", new ODataQuery
            {
                Select = ["objectid"],
                Filter = ODataLiteral.Filter($"componenttype eq {FormComponent} and _appmoduleidunique_value eq {appUnique}"),
            }, cancellationToken).ConfigureAwait(false))
            {
                if (Guid.TryParse(component["objectid"]?.GetValue<string>(), out var id))
                {
                    listed.Add(id);
                }
            }

            if (listed.Count == 0 || listed.Contains(ContactFormId))
            {
                return notes;
            }

            var contactForms = new HashSet<Guid>();
            await foreach (var row in client.QueryAsync("systemforms", new ODataQuery { Select = ["formid"], Filter = ODataLiteral.Filter($"objecttypecode eq {"contact"} and type eq {2}") }, cancellationToken).ConfigureAwait(false))
            {
                if (Guid.TryParse(row["formid"]?.GetValue<string>(), out var id))
                {
                    contactForms.Add(id);
                }
            }

            if (listed.Overlaps(contactForms))
            {
                notes.Add("Sales Hub lists its own contact forms and not 'Contact (person-centric)', so its users keep the standard form and never see the enrichment panel. Add it: Power Apps → Apps → Sales Hub → Edit → Contact → Forms → tick 'Contact (person-centric)' → Publish (docs/deploy.md, step 6).");
            }
        }
        catch (DataverseException ex)
        {
            notes.Add($"Could not check whether sales users see the person-centric contact form ({(int)ex.Status} {ex.ErrorCode}); check it by hand (docs/deploy.md, step 6).");
        }

        return notes;
    }

    private static async Task<JsonObject?> FirstAsync(IDataverseClient client, string set, string filter, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await foreach (var row in client.QueryAsync(set, new ODataQuery { Filter = filter, Select = columns, Top = 1 }, cancellationToken).ConfigureAwait(false))
        {
            return row;
        }

        return null;
    }
}
