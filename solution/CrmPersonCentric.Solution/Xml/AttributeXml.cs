using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;attribute&gt; element of one column.</summary>
internal static class AttributeXml
{
    /// <summary>customizations.xml attribute type of a column kind.</summary>
    public static string TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "nvarchar",
        ColumnKind.Memo => "ntext",
        ColumnKind.WholeNumber => "int",
        ColumnKind.Decimal => "decimal",
        ColumnKind.DateTime => "datetime",
        ColumnKind.Boolean => "bit",
        ColumnKind.Choice => "picklist",
        ColumnKind.MultiChoice => "multiselectpicklist",
        ColumnKind.Lookup => "lookup",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    /// <summary>True when the column's changes go to the audit log (see <see cref="ColumnDefinition.IsAudited"/>).</summary>
    public static bool IsAudited(TableDefinition table, ColumnDefinition column) => table.IsAudited && column.IsAudited && !column.IsComputed;

    /// <summary>
    /// An attribute element with the elements every attribute starts with, in the order exports write them (a column of
    /// ours or a system column a new table carries); the type's own elements, labels and descriptions follow.
    /// </summary>
    public static XElement Element(string name, string type, string required, string? mask, string imeMode, bool update, bool create, bool custom, bool audited) =>
        new("attribute", new XAttribute("PhysicalName", name),
            new XElement("Type", type),
            new XElement("Name", name),
            new XElement("LogicalName", name),
            new XElement("RequiredLevel", required),
            mask is null ? null : new XElement("DisplayMask", mask),
            new XElement("ImeMode", imeMode),
            Flag("ValidForUpdateApi", update),
            Flag("ValidForReadApi", true),
            Flag("ValidForCreateApi", create),
            Flag("IsCustomField", custom),
            Flag("IsAuditEnabled", audited),
            Flag("IsSecured", false),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsCustomizable", true),
            Flag("IsRenameable", true),
            Flag("CanModifySearchSettings", true),
            Flag("CanModifyRequirementLevelSettings", true),
            Flag("CanModifyAdditionalSettings", true),
            new XElement("SourceType", "0"));

    public static XElement For(TableDefinition table, ColumnDefinition column)
    {
        var mask = column.IsPrimaryName
            ? "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
            : "ValidForAdvancedFind|ValidForForm|ValidForGrid";
        var element = Element(column.LogicalName, TypeOf(column.Kind), column.IsRequired ? "required" : "none", mask, "auto", update: true, create: true, custom: true, IsAudited(table, column));
        element.Add(TypeSpecific(table.LogicalName, column));
        element.Add(DisplayNames(column.DisplayName), Descriptions(column.Description));
        return element;
    }

    private static IEnumerable<object> TypeSpecific(string table, ColumnDefinition column)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Kind)
        {
            case ColumnKind.Text:
                yield return new XElement("Format", "text");
                yield return new XElement("MaxLength", column.MaxLength.ToString(invariant));
                yield return new XElement("Length", (column.MaxLength * 2).ToString(invariant));
                break;
            case ColumnKind.Memo:
                yield return new XElement("Format", "textarea");
                yield return new XElement("MaxLength", column.MaxLength.ToString(invariant));
                break;
            case ColumnKind.WholeNumber:
                yield return new XElement("Format", "none");
                yield return new XElement("MinValue", column.Minimum.ToString(invariant));
                yield return new XElement("MaxValue", column.Maximum.ToString(invariant));
                break;
            case ColumnKind.Decimal:
                yield return new XElement("MinValue", column.Minimum.ToString(invariant));
                yield return new XElement("MaxValue", column.Maximum.ToString(invariant));
                yield return new XElement("Accuracy", column.Precision.ToString(invariant));
                break;
            case ColumnKind.DateTime:
                yield return new XElement("Format", column.DateOnly ? "date" : "datetime");
                yield return new XElement("CanChangeDateTimeBehavior", "1");
                yield return new XElement("Behavior", "1");
                break;
            case ColumnKind.Boolean:
                yield return new XElement("AppDefaultValue", column.DefaultValue switch
                {
                    true => "1",
                    false => "0",
                    null => throw new InvalidOperationException($"The Yes/No column '{column.LogicalName}' declares no default."),
                });
                yield return new XElement("optionset", new XAttribute("Name", table + "_" + column.LogicalName),
                    new XElement("OptionSetType", "bit"),
                    new XElement("IntroducedVersion", "1.0"),
                    Flag("IsCustomizable", true),
                    DisplayNames(column.DisplayName),
                    Descriptions(column.Description),
                    new XElement("options",
                        new XElement("option", new XAttribute("value", "1"), Of("labels", "label", "Yes")),
                        new XElement("option", new XAttribute("value", "0"), Of("labels", "label", "No"))));
                break;
            case ColumnKind.Choice:
            case ColumnKind.MultiChoice:
                yield return new XElement("OptionSetName", column.Choice!.Name);
                break;
            case ColumnKind.Lookup:
                yield return new XElement("LookupStyle", "single");
                yield return new XElement("LookupTypes");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind.");
        }
    }
}
