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
        .. Grant(Tables.DriftFinding.Name, Global, "Read"), // the panel's open drift alerts and emerging-trait chips
    ]);

    public static RoleDefinition OpsAdmin { get; } = new("CrmPersonCentric ops admin",
    [
        .. Grant(Tables.Persona.Name, Global, "Read", "AppendTo"),
        .. Grant(Tables.TraitTaxonomy.Name, Global, "Create", "Read", "Write", "Delete"),
        .. Grant(Tables.MessageTheme.Name, Global, "Create", "Read", "Write", "Delete"),
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
        .. Grant(Tables.MessageTheme.Name, Global, "Create", "Read", "Write", "Delete"), // marketing maps its campaign names
        .. Grant(Tables.DriftRule.Name, Global, "Read"),
        .. Grant(Tables.DriftFinding.Name, Global, "Read"),
        // Global: revisions are owned by the backend's application user, which may sit in another business unit than
        // the lead; at Local depth a lead could not accept or reject anything the backend suggested.
        .. Grant(Tables.PersonaRevision.Name, Global, "Read", "Write", "Append"),
    ]);

    /// <summary>
    /// The backend's application user: exactly what its Web API calls need (BackendRoleTests derives the set from the
    /// calls and fails on anything missing or unused). Global depth: it works on every user's rows; Basic for the
    /// e-mails, which it creates and owns itself. System tables go by their privilege names: e-mail shares the
    /// Activity privileges, systemuser is User.
    /// </summary>
    public static RoleDefinition Backend { get; } = new("CrmPersonCentric backend",
    [
        .. Grant("Contact", Global, "Read", "Write"),                     // tagged contacts, computed and worklist columns
        .. Grant("Account", Global, "Read"),                              // ICP attributes of a contact's account
        .. Grant(Tables.Persona.Name, Global, "Read", "Write", "AppendTo"), // definitions; accepted revisions; findings and revisions point at it
        .. Grant(Tables.DriftRule.Name, Global, "Read"),
        .. Grant(Tables.TraitTaxonomy.Name, Global, "Read"),              // the synonyms ops admins add
        .. Grant(Tables.MessageTheme.Name, Global, "Read"),               // the campaign names marketing maps to themes
        .. Grant(Tables.BehaviourSignal.Name, Global, "Read"),
        .. Grant(Tables.DriftFinding.Name, Global, "Create", "Read", "Write", "Append"),
        .. Grant(Tables.PersonaRevision.Name, Global, "Create", "Read", "Write", "Append"),
        .. Grant("Activity", Basic, "Create", "Read", "Write", "Append"), // the weekly report e-mails
        .. Grant("User", Global, "Read", "AppendTo"),                     // sender and recipient parties of an e-mail
        ("prvSendAsUser", Global),                                       // the report is sent from the configured sender
    ]);

    /// <summary>The roles of people (the Persona Studio app is open to these).</summary>
    public static ImmutableArray<RoleDefinition> People { get; } = [SalesUser, OpsAdmin, MarketingLead];

    public static ImmutableArray<RoleDefinition> All { get; } = [.. People, Backend];

    private static IEnumerable<(string, string)> Grant(string table, string depth, params string[] actions) =>
        actions.Select(a => ("prv" + a + table, depth));
}
