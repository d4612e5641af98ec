using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;
using static CrmPersonCentric.Solution.Xml.Labels;

namespace CrmPersonCentric.Solution.Xml;

/// <summary>The &lt;savedquery&gt; element of a view: layout XML for the grid and FetchXML for the rows.</summary>
internal static class ViewXml
{
    public static Guid IdOf(ViewDefinition view) => StableId.For("savedquery", view.Table + "/" + view.Name);

    public static XElement For(TableDefinition table, ViewDefinition view)
    {
        var primaryKey = table.PrimaryKey;
        var fetch = new XElement("entity", new XAttribute("name", view.Table),
            view.Columns.Select(c => new XElement("attribute", new XAttribute("name", c))),
            new XElement("attribute", new XAttribute("name", primaryKey)),
            new XElement("order", new XAttribute("attribute", view.OrderBy), new XAttribute("descending", "false")),
            view.ThenBy is null ? null : new XElement("order", new XAttribute("attribute", view.ThenBy), new XAttribute("descending", "false")));
        if (view.QueryType == 4)
        {
            // A Quick Find view: active rows, and the search columns in the filter marked isquickfindfields, which is how
            // Dataverse tells the columns to search from the view's other conditions.
            fetch.Add(new XElement("filter", new XAttribute("type", "and"),
                new XElement("condition", new XAttribute("attribute", "statecode"), new XAttribute("operator", "eq"), new XAttribute("value", "0"))));
            fetch.Add(new XElement("filter", new XAttribute("type", "or"), new XAttribute("isquickfindfields", "1"),
                new XElement("condition", new XAttribute("attribute", table.PrimaryNameColumn), new XAttribute("operator", "like"), new XAttribute("value", "{0}"))));
        }
        else if (!view.Conditions.IsDefaultOrEmpty || !view.NotNull.IsDefaultOrEmpty)
        {
            fetch.Add(new XElement("filter", new XAttribute("type", "and"),
                view.Conditions.IsDefault ? null : view.Conditions.Select(c => new XElement("condition", new XAttribute("attribute", c.Column), new XAttribute("operator", "eq"), new XAttribute("value", c.Value))),
                view.NotNull.IsDefault ? null : view.NotNull.Select(c => new XElement("condition", new XAttribute("attribute", c), new XAttribute("operator", "not-null")))));
        }

        return new XElement("savedquery",
            Flag("IsCustomizable", true),
            Flag("CanBeDeleted", !view.IsDefault),
            Flag("isquickfindquery", view.QueryType == 4),
            Flag("isprivate", false),
            Flag("isdefault", view.IsDefault),
            new XElement("savedqueryid", StableId.Braced(IdOf(view))),
            new XElement("layoutxml",
                new XElement("grid", new XAttribute("name", "resultset"), new XAttribute("jump", table.PrimaryNameColumn), new XAttribute("select", "1"), new XAttribute("icon", "1"), new XAttribute("preview", "1"),
                    new XElement("row", new XAttribute("name", "result"), new XAttribute("id", primaryKey),
                        view.Columns.Select((c, i) => new XElement("cell", new XAttribute("name", c), new XAttribute("width", (i == 0 ? 300 : 150).ToString(CultureInfo.InvariantCulture))))))),
            new XElement("querytype", view.QueryType.ToString(CultureInfo.InvariantCulture)),
            new XElement("fetchxml", new XElement("fetch", new XAttribute("version", "1.0"), new XAttribute("mapping", "logical"), fetch)),
            new XElement("IntroducedVersion", "1.0"),
            Of("LocalizedNames", "LocalizedName", view.Name));
    }
}
