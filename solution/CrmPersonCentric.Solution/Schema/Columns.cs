namespace CrmPersonCentric.Solution.Schema;

/// <summary>Short constructors for column definitions, so the schema reads like a table of columns.</summary>
internal static class Columns
{
    public static ColumnDefinition Name(string name, string display, string description, int maxLength = 200) =>
        new(name, display, description, ColumnKind.Text) { MaxLength = maxLength, IsPrimaryName = true, IsRequired = true };

    public static ColumnDefinition Text(string name, string display, string description, int maxLength = 200) =>
        new(name, display, description, ColumnKind.Text) { MaxLength = maxLength };

    public static ColumnDefinition Memo(string name, string display, string description, int maxLength = 4000) =>
        new(name, display, description, ColumnKind.Memo) { MaxLength = maxLength };

    public static ColumnDefinition Whole(string name, string display, string description, int minimum = 0, int maximum = int.MaxValue) =>
        new(name, display, description, ColumnKind.WholeNumber) { Minimum = minimum, Maximum = maximum };

    public static ColumnDefinition Decimal(string name, string display, string description, decimal minimum, decimal maximum, int precision) =>
        new(name, display, description, ColumnKind.Decimal) { Minimum = minimum, Maximum = maximum, Precision = precision };

    public static ColumnDefinition DateTime(string name, string display, string description) =>
        new(name, display, description, ColumnKind.DateTime);

    public static ColumnDefinition Boolean(string name, string display, string description, bool defaultValue) =>
        new(name, display, description, ColumnKind.Boolean) { DefaultValue = defaultValue };

    public static ColumnDefinition Choice(string name, string display, string description, ChoiceDefinition choice) =>
        new(name, display, description, ColumnKind.Choice) { Choice = choice };

    public static ColumnDefinition MultiChoice(string name, string display, string description, ChoiceDefinition choice) =>
        new(name, display, description, ColumnKind.MultiChoice) { Choice = choice };

    public static ColumnDefinition Lookup(string name, string display, string description, string target) =>
        new(name, display, description, ColumnKind.Lookup) { Target = target };
}
