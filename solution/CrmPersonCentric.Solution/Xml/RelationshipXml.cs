using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The one-to-many relationship behind each lookup column.</summary>
internal static class RelationshipXml
{
    /// <summary>
    /// Relationship name in the maker portal's pattern: publisher prefix, referencing table and lookup (both without the
    /// prefix), referenced table, e.g. <c>cpc_behavioursignal_contactid_contact</c>. Dataverse requires a custom
    /// relationship's name to start with the solution publisher's prefix, whatever the tables are.
    /// </summary>
    public static string NameOf(TableDefinition table, ColumnDefinition lookup) =>
        $"{SolutionSchema.Prefix}{WithoutPrefix(table.LogicalName)}_{WithoutPrefix(lookup.LogicalName)}_{lookup.Target}";

    private static string WithoutPrefix(string name) =>
        name.StartsWith(SolutionSchema.Prefix, StringComparison.Ordinal) ? name[SolutionSchema.Prefix.Length..] : name;

    /// <summary>
    /// Every relationship of the solution, one list sorted by name as exports write it: the one behind each lookup of
    /// ours, and the system relationships of each table the solution creates (<see cref="SystemColumnsXml"/>).
    /// </summary>
    public static IEnumerable<XElement> For(IEnumerable<TableDefinition> tables)
    {
        var list = tables.ToList();
        return Lookups(list).Concat(list.Where(t => t.IsCustom).SelectMany(SystemColumnsXml.Relationships))
            .OrderBy(r => r.Attribute("Name")!.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<XElement> Lookups(IEnumerable<TableDefinition> tables) =>
        from table in tables
        from column in table.Columns
        where column.Kind == ColumnKind.Lookup
        select new XElement("EntityRelationship", new XAttribute("Name", NameOf(table, column)),
            new XElement("EntityRelationshipType", "OneToMany"),
            Flag("IsCustomizable", true),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsHierarchical", false),
            new XElement("ReferencingEntityName", table.LogicalName),
            new XElement("ReferencedEntityName", column.Target),
            new XElement("CascadeAssign", "NoCascade"),
            new XElement("CascadeDelete", column.OnDelete.ToString()),
            new XElement("CascadeReparent", "NoCascade"),
            new XElement("CascadeShare", "NoCascade"),
            new XElement("CascadeUnshare", "NoCascade"),
            new XElement("CascadeRollupView", "NoCascade"),
            Flag("IsValidForAdvancedFind", true),
            new XElement("ReferencingAttributeName", column.LogicalName),
            new XElement("RelationshipDescription", Descriptions(column.Description)),
            new XElement("EntityRelationshipRoles",
                new XElement("EntityRelationshipRole",
                    new XElement("NavPaneDisplayOption", column.RelatedMenuLabel is null ? "UseCollectionName" : "UseLabel"),
                    new XElement("NavPaneArea", "Details"),
                    new XElement("NavPaneOrder", "10000"),
                    new XElement("NavigationPropertyName", column.LogicalName),
                    column.RelatedMenuLabel is { } label ? new XElement("CustomLabels", new XElement("CustomLabel", new XAttribute("description", label), new XAttribute("languagecode", LanguageCode))) : null,
                    new XElement("RelationshipRoleType", "1")),
                new XElement("EntityRelationshipRole",
                    new XElement("NavigationPropertyName", NameOf(table, column)),
                    new XElement("RelationshipRoleType", "0"))));
}
