using System.Collections.Frozen;
using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Schema;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A table of the solution: one of ours (created) or a system table we add columns to.</summary>
/// <param name="LogicalName">Logical name.</param>
/// <param name="DisplayName">Singular label.</param>
/// <param name="PluralName">Plural label.</param>
/// <param name="Description">What a row is.</param>
/// <param name="IsCustom">True for a table the solution creates; false for a system table it extends.</param>
/// <param name="UserOwned">True for user/team ownership; false for organization ownership.</param>
/// <param name="Columns">The columns the solution adds (for custom tables, including the primary name).</param>
/// <param name="AlternateKeys">Columns that are single-column alternate keys.</param>
internal sealed record TableDefinition(
    string LogicalName,
    string DisplayName,
    string PluralName,
    string Description,
    bool IsCustom,
    bool UserOwned,
    ImmutableArray<ColumnDefinition> Columns,
    ImmutableArray<string> AlternateKeys)
{
    /// <summary>Logical name → Web API entity set, as the code names them (<see cref="Tables"/>: each table class's Name and EntitySet).</summary>
    public static FrozenDictionary<string, string> EntitySets { get; } = typeof(Tables).GetNestedTypes()
        .Where(t => t.GetField("Name") is not null && t.GetField("EntitySet") is not null)
        .ToFrozenDictionary(t => (string)t.GetField("Name")!.GetRawConstantValue()!, t => (string)t.GetField("EntitySet")!.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>The Web API entity set the code uses; the packer declares the same, so a plural Dataverse would spell differently cannot break a query.</summary>
    public string EntitySet => EntitySets.TryGetValue(LogicalName, out var set)
        ? set
        : throw new InvalidOperationException($"Table '{LogicalName}' has no EntitySet constant in Dataverse.Schema.Tables.");

    /// <summary>
    /// Whether the table's changes are audited (when the environment audits): configuration and decisions are, data the
    /// backend rewrites every run and people's behaviour records are not.
    /// </summary>
    public bool IsAudited { get; init; } = true;

    /// <summary>The primary key column of a custom table.</summary>
    public string PrimaryKey => LogicalName + "id";

    /// <summary>The primary name column the solution defines (custom tables).</summary>
    public ColumnDefinition? PrimaryName => Columns.FirstOrDefault(c => c.IsPrimaryName);

    /// <summary>The logical name of the primary name column, the solution's or the system table's own.</summary>
    public string PrimaryNameColumn => PrimaryName?.LogicalName ?? LogicalName switch
    {
        Tables.Contact.Name => "fullname",
        Tables.Account.Name => "name",
        _ => throw new InvalidOperationException($"Table '{LogicalName}' has no primary name column."),
    };
}
