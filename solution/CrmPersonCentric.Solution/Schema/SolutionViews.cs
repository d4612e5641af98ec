using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>The views of our tables: the system views every table needs, and the working views of the app.</summary>
internal static class SolutionViews
{
    private const int Public = 0;
    private const int AdvancedFind = 1;
    private const int Associated = 2;
    private const int QuickFind = 4;
    private const int LookupView = 64;

    /// <summary>The condition of a view that lists active rows.</summary>
    private static readonly ImmutableArray<(string Column, string Value)> Active = [("statecode", "0")];

    /// <summary>The contact view of the enrichment worklists.</summary>
    public const string EnrichmentView = "Contacts to enrich";

    /// <summary>The contact view of the advocates and connectors.</summary>
    public const string AdvocatesView = "Advocates and connectors";

    /// <summary>The views of one table, in a stable order.</summary>
    public static ImmutableArray<ViewDefinition> For(TableDefinition table)
    {
        if (!table.IsCustom)
        {
            // A system table keeps its own system views; the solution adds working views only.
            return [.. Working(table)];
        }

        var name = table.PrimaryName!.LogicalName;
        var columns = WorkingColumns(table);
        ImmutableArray<(string, string)> none = [];
        // As Dataverse's own default views do: the public, associated and lookup views list active rows only (a
        // deactivated rule or theme is out of the way, not gone); Advanced Find starts from every row.
        ImmutableArray<ViewDefinition> system =
        [
            new(table.LogicalName, "Active " + table.PluralName.ToLowerInvariant(), Public, true, columns, name, Active),
            new(table.LogicalName, table.DisplayName + " Advanced Find View", AdvancedFind, true, columns, name, none),
            new(table.LogicalName, table.DisplayName + " Associated View", Associated, true, columns, name, Active),
            new(table.LogicalName, "Quick Find " + table.PluralName, QuickFind, true, [name], name, none),
            new(table.LogicalName, table.DisplayName + " Lookup View", LookupView, true, [name], name, Active),
        ];
        return [.. system, .. Working(table)];
    }

    private static IEnumerable<ViewDefinition> Working(TableDefinition table)
    {
        if (table.LogicalName == Tables.Contact.Name)
        {
            // The enrichment loop: every contact on its persona's worklist, by persona and rank. Sales users filter by persona.
            yield return new(table.LogicalName, EnrichmentView, Public, false,
                ["fullname", Tables.Contact.Persona, Tables.Contact.EnrichmentRank, Tables.Contact.EnrichmentMissing, Tables.Contact.EnrichmentNote],
                Tables.Contact.Persona, [("statecode", "0")], [Tables.Contact.EnrichmentRank], Tables.Contact.EnrichmentRank);

            // Persons over averages: everyone the last evaluation found far above their persona's norm, by persona.
            yield return new(table.LogicalName, AdvocatesView, Public, false,
                ["fullname", Tables.Contact.Persona, Tables.Contact.AdvocateKinds, Tables.Contact.AdvocateReason],
                Tables.Contact.Persona, [("statecode", "0")], [Tables.Contact.AdvocateReason], Tables.Contact.AdvocateKinds);
        }
        else if (table.LogicalName == Tables.DriftFinding.Name)
        {
            yield return new(table.LogicalName, "Open findings by persona", Public, false,
                ["cpc_name", Tables.DriftFinding.Persona, Tables.DriftFinding.Severity, Tables.DriftFinding.Metric, Tables.DriftFinding.Subject],
                Tables.DriftFinding.Persona, [("statecode", "0"), (Tables.DriftFinding.Status, Value(Choices.From(Choices.FindingStatus.Open, 0)))]);
        }
        else if (table.LogicalName == Tables.PersonaRevision.Name)
        {
            yield return new(table.LogicalName, "Proposed revisions", Public, false,
                ["cpc_name", Tables.PersonaRevision.Persona, Tables.PersonaRevision.Type, Tables.PersonaRevision.Subject, Tables.PersonaRevision.ProposedValue],
                Tables.PersonaRevision.Persona, [("statecode", "0"), (Tables.PersonaRevision.Decision, Value(Choices.From(Choices.Decision.Proposed, 0)))]);
        }
        else if (table.LogicalName == Tables.DriftRule.Name)
        {
            yield return new(table.LogicalName, "Drift rules", Public, false,
                [Tables.DriftRule.DisplayName, Tables.DriftRule.Key, Tables.DriftRule.Metric, Tables.DriftRule.Threshold, Tables.DriftRule.Severity, Tables.DriftRule.Persona, Tables.DriftRule.Enabled],
                Tables.DriftRule.Key, Active);
        }
    }

    /// <summary>The primary name and up to four more columns that are short enough for a grid.</summary>
    private static ImmutableArray<string> WorkingColumns(TableDefinition table) =>
        [.. table.Columns.Where(c => c.IsPrimaryName)
            .Concat(table.Columns.Where(c => !c.IsPrimaryName && c.Kind is not ColumnKind.Memo and not ColumnKind.MultiChoice).Take(4))
            .Select(c => c.LogicalName)];

    private static string Value(int value) => value.ToString(CultureInfo.InvariantCulture);
}
