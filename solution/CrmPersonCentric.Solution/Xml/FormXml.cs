using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;FormXml&gt; element of a table: its main forms (systemform, form type "main").</summary>
internal static class FormXml
{
    /// <summary>Form factors a code component is configured for: 0 web, 1 tablet, 2 phone.</summary>
    private static readonly int[] FormFactors = [0, 1, 2];

    public static Guid IdOf(FormDefinition form) => StableId.For("systemform", form.Table + "/" + form.Name);

    /// <summary>Control class ids of the unified interface field controls.</summary>
    public static string ClassIdOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}",
        ColumnKind.Memo => "{E0DECE4B-6FC8-4a8f-A065-082708572369}",
        ColumnKind.WholeNumber => "{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}",
        ColumnKind.Decimal => "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}",
        ColumnKind.DateTime => "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}",
        ColumnKind.Boolean => "{67FAC785-CD58-4f9f-ABB3-4B7DDC6ED5ED}",
        ColumnKind.Choice => "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}",
        ColumnKind.MultiChoice => "{4AA28AB7-9C13-4F57-A73D-AD894D048B5F}",
        ColumnKind.Lookup => "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    public static XElement? For(TableDefinition table)
    {
        var forms = SolutionForms.For(table);
        return forms.IsEmpty ? null : new XElement("FormXml", new XElement("forms", new XAttribute("type", "main"), forms.Select(Form)));
    }

    private static XElement Form(FormDefinition form)
    {
        var key = form.Table + "/" + form.Name;
        var placements = form.Tabs.SelectMany(t => t.Sections).Select(s => s.Component).OfType<ComponentPlacement>().ToList();
        var body = new XElement("form",
            new XElement("tabs", form.Tabs.Select(t => Tab(key, t))),
            placements.Count == 0 ? null : new XElement("controlDescriptions", placements.Select(p => ControlDescription(key, p))),
            DisplayConditions(form));
        return new XElement("systemform",
            new XElement("formid", StableId.Braced(IdOf(form))),
            new XElement("IntroducedVersion", "1.0"),
            new XElement("FormPresentation", "1"),
            new XElement("FormActivationState", "1"),
            body,
            Flag("IsCustomizable", true),
            Flag("CanBeDeleted", true),
            Of("LocalizedNames", "LocalizedName", form.Name),
            Descriptions(form.Name + " main form."));
    }

    /// <summary>
    /// Who sees the form and where it stands in the table's form order. A table of ours has one main form: it is the
    /// fallback for everyone (an import without a fallback form leaves an unmanaged layer behind, which blocks a clean
    /// upgrade or uninstall). The contact form is shown to the solution's roles first (order 0) and is no fallback: the
    /// environment's own contact form stays that.
    /// </summary>
    private static XElement DisplayConditions(FormDefinition form) => form.ForRoles.IsDefaultOrEmpty
        ? new XElement("DisplayConditions", new XAttribute("Order", "0"), new XAttribute("FallbackForm", "true"), new XElement("Everyone"))
        : new XElement("DisplayConditions", new XAttribute("Order", "0"), new XAttribute("FallbackForm", "false"),
            form.ForRoles.Select(r => new XElement("Role", new XAttribute("Id", StableId.Braced(RoleXml.IdOf(r))))));

    private static XElement Tab(string form, FormTab tab) =>
        new("tab", new XAttribute("name", tab.Name), new XAttribute("id", StableId.Braced(StableId.For("tab", form + "/" + tab.Name))),
            new XAttribute("IsUserDefined", "0"), new XAttribute("locklevel", "0"), new XAttribute("showlabel", "true"), new XAttribute("expanded", "true"),
            Of("labels", "label", tab.Label),
            new XElement("columns", new XElement("column", new XAttribute("width", "100%"),
                new XElement("sections", tab.Sections.Select(s => Section(form, s))))));

    private static XElement Section(string form, FormSection section) =>
        new("section", new XAttribute("name", section.Name), new XAttribute("id", StableId.Braced(StableId.For("section", form + "/" + section.Name))),
            new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"), new XAttribute("IsUserDefined", "0"), new XAttribute("columns", "1"),
            Of("labels", "label", section.Label),
            new XElement("rows", section.Component is { } component
                ? [ComponentCell(form, component, section.Label)]
                : section.Fields.Select(f => Field(form, f))));

    private static XElement Field(string form, FormField field) =>
        new("row", new XElement("cell", new XAttribute("id", StableId.Braced(StableId.For("cell", form + "/" + field.Column))),
            Of("labels", "label", field.Label),
            new XElement("control", new XAttribute("id", field.Column), new XAttribute("classid", ClassIdOf(field.Kind)),
                new XAttribute("datafieldname", field.Column), new XAttribute("disabled", field.ReadOnly ? "true" : "false"))));

    /// <summary>The id of the component's cell control; a second control on a column takes the column name plus "1".</summary>
    private static string ComponentControlId(ComponentPlacement component) => component.Column + "1";

    private static Guid ComponentUniqueId(string form, ComponentPlacement component) => StableId.For("componentcontrol", form + "/" + component.Name);

    /// <summary>
    /// The cell: a field control on the component's column (what the form shows where the component is unavailable),
    /// tied by its uniqueid to the controlDescription that swaps in the component.
    /// </summary>
    private static XElement ComponentCell(string form, ComponentPlacement component, string label)
    {
        var column = ColumnOf(component.Column);
        return new("row", new XElement("cell", new XAttribute("id", StableId.Braced(StableId.For("cell", form + "/" + component.Name))), new XAttribute("showlabel", "false"), new XAttribute("rowspan", "12"),
            Of("labels", "label", label),
            new XElement("control", new XAttribute("id", ComponentControlId(component)), new XAttribute("classid", ClassIdOf(column.Kind)),
                new XAttribute("datafieldname", component.Column), new XAttribute("disabled", "false"),
                new XAttribute("uniqueid", StableId.Braced(ComponentUniqueId(form, component))))));
    }

    /// <summary>
    /// The component for every form factor, each bound property an element named after it holding its column; first the
    /// default field control the cell falls back to.
    /// </summary>
    private static XElement ControlDescription(string form, ComponentPlacement component) =>
        new("controlDescription", new XAttribute("forControl", StableId.Braced(ComponentUniqueId(form, component))),
            new XElement("customControl", new XAttribute("id", ClassIdOf(ColumnOf(component.Column).Kind)),
                new XElement("parameters", new XElement("datafieldname", component.Column))),
            FormFactors.Select(f => new XElement("customControl", new XAttribute("formFactor", f), new XAttribute("name", component.Name),
                new XElement("parameters", component.Bindings.Select(b => new XElement(b.Property, b.Column))))));

    /// <summary>
    /// Fails the pack when a placed component is not built, or when its bindings and its manifest's properties differ (a
    /// property bound to nothing, or an element the component does not declare, breaks the form at run time).
    /// </summary>
    public static void CheckComponentBindings(IReadOnlyList<Controls.CodeComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var placements = SolutionSchema.All.SelectMany(t => SolutionForms.For(t)).SelectMany(f => f.Tabs).SelectMany(t => t.Sections).Select(s => s.Component).OfType<ComponentPlacement>();
        foreach (var placement in placements)
        {
            var component = components.FirstOrDefault(c => c.Name == placement.Name)
                ?? throw new InvalidDataException($"A form places the code component '{placement.Name}', which is not among the built ones ({string.Join(", ", components.Select(c => c.Name))}).");
            var bound = placement.Bindings.Select(b => b.Property).ToList();
            var missing = component.Properties.Except(bound, StringComparer.Ordinal).ToList();
            var unknown = bound.Except(component.Properties, StringComparer.Ordinal).ToList();
            if (missing.Count + unknown.Count > 0)
            {
                throw new InvalidDataException($"The bindings of '{placement.Name}' do not match its manifest: unbound properties [{string.Join(", ", missing)}], undeclared properties [{string.Join(", ", unknown)}].");
            }
        }
    }

    private static ColumnDefinition ColumnOf(string column) =>
        SolutionSchema.Contact.Columns.SingleOrDefault(c => c.LogicalName == column)
        ?? throw new InvalidDataException($"The code component is bound to '{column}', which is not a column the solution adds to contact.");
}
