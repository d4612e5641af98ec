using System.Xml;
using System.Xml.Schema;

namespace CrmPersonCentric.Solution.Validation;

/// <summary>
/// Validates a customizations.xml against Microsoft's published schema set (CustomizationsSolution.xsd 9.0.0.2090 with
/// FormXml, Fetch, SiteMapType and isv.config), the way Dataverse checks a solution on import. The set dates from 2020:
/// the few elements and attributes that current Dataverse writes into its own exports but the set does not declare
/// are reported as allowed (<see cref="SchemaAllowList"/>), everything else as an error.
/// </summary>
public static class SolutionSchemaValidator
{
    private const string ResourcePrefix = "CrmPersonCentric.Solution.Schema.";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchemas);

    /// <summary>Validates the document; every departure, with its line, element and whether it is allowed.</summary>
    public static IReadOnlyList<SchemaIssue> Validate(Stream customizations)
    {
        ArgumentNullException.ThrowIfNull(customizations);
        var issues = new List<SchemaIssue>();
        var path = new List<string>();
        var raised = new List<(int Line, int Position, string Message, string? At, bool Warning)>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            // The defaults (identity constraints: the schema's xs:unique rules on site map areas, groups and form names;
            // xml:* attributes) plus warnings, which are reported but never count as errors.
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints | XmlSchemaValidationFlags.AllowXmlAttributes | XmlSchemaValidationFlags.ReportValidationWarnings,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };

        // Events fire inside Read(), while the reader reads a start tag (its attributes included) and before the element
        // joins the path; they are placed once Read() returns on that element.
        settings.ValidationEventHandler += (sender, e) =>
            raised.Add((e.Exception.LineNumber, e.Exception.LinePosition, e.Message, sender is XmlReader { NodeType: XmlNodeType.Element } r ? r.LocalName : null, e.Severity == XmlSeverityType.Warning));
        using var reader = XmlReader.Create(customizations, settings);
        void Place(string? element)
        {
            foreach (var (line, position, message, at, warning) in raised)
            {
                var name = at ?? element;
                IReadOnlyList<string> where = name is null ? [.. path] : [.. path, name];
                issues.Add(new SchemaIssue(line, position, "/" + string.Join('/', where), message, SchemaAllowList.Allowance(where, message)) { IsWarning = warning });
            }

            raised.Clear();
        }

        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    Place(reader.LocalName);
                    path.Add(reader.LocalName);
                    if (reader.IsEmptyElement)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                }
                else
                {
                    Place(null);
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }

            Place(null);
        }
        catch (XmlException ex)
        {
            Place(null);
            issues.Add(new SchemaIssue(ex.LineNumber, ex.LinePosition, "/" + string.Join('/', path), "Not well-formed XML: " + ex.Message, null));
        }

        return issues;
    }

    private static XmlSchemaSet LoadSchemas()
    {
        var set = new XmlSchemaSet { XmlResolver = new ResourceResolver() };
        using var root = XmlReader.Create(Resource("CustomizationsSolution.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }, "resource:///CustomizationsSolution.xsd");
        set.Add(XmlSchema.Read(root, null)!);
        set.Compile();
        return set;
    }

    private static Stream Resource(string name) =>
        typeof(SolutionSchemaValidator).Assembly.GetManifestResourceStream(ResourcePrefix + name)
        ?? throw new InvalidOperationException($"The schema file {name} is not embedded in {typeof(SolutionSchemaValidator).Assembly.GetName().Name}.");

    /// <summary>Resolves the set's xs:include elements to the embedded files.</summary>
    private sealed class ResourceResolver : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn) => Resource(Path.GetFileName(absoluteUri.LocalPath));

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) => new("resource:///" + relativeUri);
    }
}
