using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>The main forms: the contact's person-centric form with the enrichment panel, and one form per table of ours.</summary>
internal static class SolutionForms
{
    /// <summary>
    /// The enrichment panel (code component, solution/controls/EnrichmentPanel) and the contact column behind each of its
    /// bound properties; it is placed on the core fears column. The packer checks these against the built manifest.
    /// </summary>
    public static ComponentPlacement Panel { get; } = new("cpc_CrmPersonCentric.EnrichmentPanel",
    [
        ("coreFears", Tables.Contact.CoreFears),
        ("aspirations", Tables.Contact.Aspirations),
        ("peerGroups", Tables.Contact.PeerGroups),
        ("communities", Tables.Contact.Communities),
        ("deepPersonalDesire", Tables.Contact.DeepPersonalDesire),
        ("emotionalStakes", Tables.Contact.EmotionalStakes),
        ("trustSignals", Tables.Contact.TrustSignals),
        ("persona", Tables.Contact.Persona),
        ("personaFit", Tables.Contact.PersonaFit),
        ("insightSummary", Tables.Contact.InsightSummary),
        ("fitUpdatedOn", Tables.Contact.FitUpdatedOn),
        ("enrichmentRank", Tables.Contact.EnrichmentRank),
        ("enrichmentNote", Tables.Contact.EnrichmentNote),
        ("advocateReason", Tables.Contact.AdvocateReason),
        ("advocateKinds", Tables.Contact.AdvocateKinds),
        ("contactId", Tables.Contact.Id), // the documented way for a component to know its record
    ]);

    /// <summary>The forms of one table.</summary>
    public static ImmutableArray<FormDefinition> For(TableDefinition table)
    {
        if (table.LogicalName == Tables.Contact.Name)
        {
            return [Contact(table)];
        }

        if (table.LogicalName == Tables.Account.Name)
        {
            // The ICP attributes a persona filters on, the region among them (a column of ours no stock form shows).
            return
            [
                new(Tables.Account.Name, "Account (ICP)",
                [
                    new("icp", "Ideal customer profile",
                    [
                        new("account", "Account",
                        [
                            new("name", "Account name", ColumnKind.Text, false),
                            new(Tables.Account.Industry, "Industry", ColumnKind.Choice, false),
                            new(Tables.Account.Employees, "Employees", ColumnKind.WholeNumber, false),
                            .. table.Columns.Select(c => Field(c, c.IsComputed)),
                        ]),
                    ]),
                ]) { ForRoles = SecurityRoles.People },
            ];
        }

        if (!table.IsCustom)
        {
            return [];
        }

        // Findings are written by the backend only; of a revision, users set the decision and who/when.
        HashSet<string> editable = table.LogicalName switch
        {
            Tables.DriftFinding.Name => [],
            Tables.PersonaRevision.Name => [Tables.PersonaRevision.Decision, Tables.PersonaRevision.DecidedBy, Tables.PersonaRevision.DecidedOn],
            _ => table.Columns.Select(c => c.LogicalName).ToHashSet(),
        };
        return
        [
            new(table.LogicalName, table.DisplayName, [new("general", "General", [new("details", table.DisplayName, [.. table.Columns.Select(c => Field(c, !editable.Contains(c.LogicalName)))])])]),
        ];
    }

    private static FormDefinition Contact(TableDefinition contact)
    {
        FormField[] summary =
        [
            new("firstname", "First name", ColumnKind.Text, false),
            new("lastname", "Last name", ColumnKind.Text, false),
            new("jobtitle", "Job title", ColumnKind.Text, false),
            new(Tables.Contact.ParentCustomer, "Company name", ColumnKind.Lookup, false),
            new("emailaddress1", "Email", ColumnKind.Text, false),
        ];
        return new(Tables.Contact.Name, "Contact (person-centric)",
        [
            new("summary", "Summary", [new("contact", "Contact", [.. summary])]),
            new("personinsights", "Person insights",
            [
                new("panel", "Insights", [], Panel),
                new("profile", "Profile", [.. contact.Columns.Select(c => Field(c, c.IsComputed))]),
            ]),
        ]) { ForRoles = SecurityRoles.People };
    }

    private static FormField Field(ColumnDefinition column, bool readOnly) =>
        new(column.LogicalName, column.DisplayName, column.Kind, readOnly || column.IsComputed);
}
