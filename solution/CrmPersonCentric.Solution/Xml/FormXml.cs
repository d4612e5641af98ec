using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;FormXml&gt; element of a table: its main forms (systemform, form type "main").</summary>
internal static class FormXml
{
    private const string WebResourceClassId = "{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}";

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
        var body = new XElement("form",
            new XElement("tabs", form.Tabs.Select(t => Tab(key, t))));
        if (form.OnLoad is { } handler)
        {
            body.Add(
                new XElement("formLibraries", new XElement("Library", new XAttribute("name", handler.Library), new XAttribute("libraryUniqueId", StableId.Braced(StableId.For("formlibrary", key + "/" + handler.Library))))),
                new XElement("events", new XElement("event", new XAttribute("name", "onload"), new XAttribute("application", "false"), new XAttribute("active", "false"),
                    new XElement("Handlers", new XElement("Handler",
                        new XAttribute("functionName", handler.Function),
                        new XAttribute("libraryName", handler.Library),
                        new XAttribute("handlerUniqueId", StableId.Braced(StableId.For("formhandler", key + "/" + handler.Function))),
                        new XAttribute("enabled", "true"),
                        new XAttribute("parameters", string.Empty),
                        new XAttribute("passExecutionContext", "true"))))));
        }

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
            new XElement("rows", section.WebResource is { } panel
                ? [Panel(form, panel.ControlId, panel.WebResource, section.Label)]
                : section.Fields.Select(f => Field(form, f))));

    private static XElement Field(string form, FormField field) =>
        new("row", new XElement("cell", new XAttribute("id", StableId.Braced(StableId.For("cell", form + "/" + field.Column))),
            Of("labels", "label", field.Label),
            new XElement("control", new XAttribute("id", field.Column), new XAttribute("classid", ClassIdOf(field.Kind)),
                new XAttribute("datafieldname", field.Column), new XAttribute("disabled", field.ReadOnly ? "true" : "false"))));

    private static XElement Panel(string form, string controlId, string webResource, string label) =>
        new("row", new XElement("cell", new XAttribute("id", StableId.Braced(StableId.For("cell", form + "/" + controlId))), new XAttribute("showlabel", "false"), new XAttribute("rowspan", "12"),
            Of("labels", "label", label),
            new XElement("control", new XAttribute("id", controlId), new XAttribute("classid", WebResourceClassId),
                new XElement("parameters",
                    new XElement("Url", webResource),
                    new XElement("PassParameters", "false"),
                    new XElement("Security", "false"),
                    new XElement("Scrolling", "auto"),
                    new XElement("Border", "false"),
                    new XElement("ShowOnMobileClient", "true"),
                    new XElement("WebResourceId", StableId.Braced(StableId.For("webresource", webResource)))))));
}
