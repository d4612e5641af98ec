using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>The "Persona Studio" model-driven app: its site map groups and the roles that may open it.</summary>
internal static class PersonaStudioApp
{
    public const string UniqueName = "cpc_PersonaStudio";

    public const string DisplayName = "Persona Studio";

    public const string Description = "Define buyer personas, review drift findings and decide on persona revisions.";

    /// <summary>Site map groups (id, title, tables) in navigation order.</summary>
    public static ImmutableArray<(string Id, string Title, ImmutableArray<string> Tables)> Groups { get; } =
    [
        ("cpc_group_personas", "Personas", [Tables.Persona.Name, Tables.Contact.Name]),
        ("cpc_group_drift", "Drift", [Tables.DriftFinding.Name, Tables.PersonaRevision.Name]),
        ("cpc_group_settings", "Settings", [Tables.DriftRule.Name, Tables.TraitTaxonomy.Name, Tables.MessageTheme.Name, Tables.BehaviourSignal.Name]),
    ];

    /// <summary>Every role of people may open the app (not the backend's); what they see is limited by the role's privileges.</summary>
    public static ImmutableArray<RoleDefinition> Roles => SecurityRoles.People;
}
