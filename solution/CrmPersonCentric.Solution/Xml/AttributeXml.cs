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

    public static XElement For(TableDefinition table, ColumnDefinition column)
    {
        var mask = column.IsPrimaryName
            ? "PrimaryName|ValidForAdvancedFind|ValidForForm|ValidForGrid|RequiredForForm"
            : "ValidForAdvancedFind|ValidForForm|ValidForGrid";
        var element = new XElement("attribute", new XAttribute("PhysicalName", column.LogicalName),
            new XElement("Type", TypeOf(column.Kind)),
            new XElement("Name", column.LogicalName),
            new XElement("LogicalName", column.LogicalName),
            new XElement("RequiredLevel", column.IsRequired ? "required" : "none"),
            new XElement("DisplayMask", mask),
            new XElement("ImeMode", "auto"),
            Flag("ValidForUpdateApi", true),
            Flag("ValidForReadApi", true),
            Flag("ValidForCreateApi", true),
            Flag("IsCustomField", true),
            Flag("IsAuditEnabled", IsAudited(table, column)),
            Flag("IsSecured", false),
            new XElement("IntroducedVersion", "1.0"),
            Flag("IsCustomizable", true),
            Flag("IsRenameable", true),
            Flag("CanModifySearchSettings", true),
            Flag("CanModifyRequirementLevelSettings", true),
            Flag("CanModifyAdditionalSettings", true),
            new XElement("SourceType", "0"));
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
