using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>
/// Least-privilege roles over the solution's tables only. They are added on top of the environment's own roles
/// (Basic User, Salesperson), which grant contact and account access.
/// </summary>
internal static class SecurityRoles
{
    private const string Basic = "Basic";
    private const string Local = "Local";
    private const string Global = "Global";

    public static RoleDefinition SalesUser { get; } = new("CrmPersonCentric sales user",
    [
        .. Grant(Tables.Persona.Name, Global, "Read", "AppendTo"),
        .. Grant(Tables.TraitTaxonomy.Name, Global, "Read"),
        .. Grant(Tables.BehaviourSignal.Name, Basic, "Create", "Append"),
        .. Grant(Tables.BehaviourSignal.Name, Local, "Read"),
    ]);

    public static RoleDefinition OpsAdmin { get; } = new("CrmPersonCentric ops admin",
    [
        .. Grant(Tables.Persona.Name, Global, "Read", "AppendTo"),
        .. Grant(Tables.TraitTaxonomy.Name, Global, "Create", "Read", "Write", "Delete"),
        .. Grant(Tables.BehaviourSignal.Name, Global, "Read", "Delete"),
        .. Grant(Tables.DriftRule.Name, Global, "Create", "Read", "Write", "Delete", "Append"),
        .. Grant(Tables.DriftFinding.Name, Global, "Read"),
        .. Grant(Tables.PersonaRevision.Name, Global, "Read"),
    ]);

    public static RoleDefinition MarketingLead { get; } = new("CrmPersonCentric marketing lead",
    [
        .. Grant(Tables.Persona.Name, Basic, "Create", "Write", "Append", "Assign"),
        .. Grant(Tables.Persona.Name, Global, "Read", "AppendTo"),
        .. Grant(Tables.TraitTaxonomy.Name, Global, "Read"),
        .. Grant(Tables.DriftRule.Name, Global, "Read"),
        .. Grant(Tables.DriftFinding.Name, Global, "Read"),
        .. Grant(Tables.PersonaRevision.Name, Global, "Read"),
        .. Grant(Tables.PersonaRevision.Name, Local, "Write", "Append"),
    ]);

    public static ImmutableArray<RoleDefinition> All { get; } = [SalesUser, OpsAdmin, MarketingLead];

    private static IEnumerable<(string, string)> Grant(string table, string depth, params string[] actions) =>
        actions.Select(a => ("prv" + a + table, depth));
}
