using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Validation;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>
/// Every packed customizations.xml against Microsoft's solution schema set (9.0.0.2090); only the documented allowances
/// may appear, and the validator finds what a real import would reject.
/// </summary>
public sealed class SchemaValidationTests
{
    private static readonly Lazy<byte[]> ManagedZip = new(() => SolutionPacker.PackToBytes(PackedSolution.SourceDirectory, managed: true));

    public static TheoryData<bool> Kinds() => [false, true];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Packed_customizations_have_no_schema_errors(bool managed)
    {
        var issues = Validate(managed ? ManagedZip.Value : PackedSolution.Unmanaged);

        Assert.True(issues.All(i => !i.IsError), string.Join(Environment.NewLine, issues.Where(i => i.IsError)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Only_the_root_attributes_of_current_exports_depart_from_the_schema(bool managed)
    {
        var departures = Validate(managed ? ManagedZip.Value : PackedSolution.Unmanaged);

        Assert.Equal(["/ImportExportXml", "/ImportExportXml"], departures.Select(i => i.Element));
        Assert.All(departures, i => Assert.Contains(i.Allowance, SchemaAllowList.Entries.Select(e => e.Evidence)));
        Assert.DoesNotContain(departures, i => i.IsWarning);
    }

    [Fact]
    public void Every_allowance_names_its_evidence()
    {
        Assert.InRange(SchemaAllowList.Entries.Count, 1, 40);
        Assert.All(SchemaAllowList.Entries, e => Assert.True(e.Evidence.Length > 40, e.Name));
    }

    public static TheoryData<string, string> Breakages() => new()
    {
        // What each of the errors fixed in the packer looked like.
        { "webresources-after-customcontrols", "/ImportExportXml/WebResources" },
        { "optionsettype-bool", "/ImportExportXml/Entities/Entity/EntityInfo/entity/attributes/attribute/optionset/OptionSetType" },
        { "hasrelatednotes-0", "/ImportExportXml/Entities/Entity/EntityInfo/entity/HasRelatedNotes" },
        { "step-serviceendpointid", "/ImportExportXml/SdkMessageProcessingSteps/SdkMessageProcessingStep/ServiceEndpointId" },
        { "sitemap-descriptions", "/ImportExportXml/AppModuleSiteMaps/AppModuleSiteMap/Descriptions" },
        { "unknown-root-attribute", "/ImportExportXml" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_departure_is_an_error_that_names_element_and_line(string breakage, string element)
    {
        var document = PackedSolution.Customizations;
        Break(document, breakage);
        var text = document.ToString();

        var issues = SolutionSchemaValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        var error = Assert.Single(issues, i => i.IsError);
        Assert.Equal(element, error.Element);
        var line = text.Split('\n')[error.Line - 1];
        Assert.Contains(element[(element.LastIndexOf('/') + 1)..], line, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_well_formed_xml_is_one_error_with_its_line()
    {
        var issues = SolutionSchemaValidator.Validate(new MemoryStream("<ImportExportXml>\n  <Entities>\n</ImportExportXml>"u8.ToArray()));

        var error = Assert.Single(issues, i => i.IsError && i.Message.StartsWith("Not well-formed", StringComparison.Ordinal));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Check_reads_a_zip_an_unpacked_folder_and_a_file()
    {
        using var dir = new TempDirectory();
        var zip = Path.Combine(dir.Path, "s.zip");
        File.WriteAllBytes(zip, PackedSolution.Unmanaged);
        var unpacked = Directory.CreateDirectory(Path.Combine(dir.Path, "unpacked", "Other")).FullName;
        File.WriteAllBytes(Path.Combine(unpacked, "Customizations.xml"), PackedSolution.Read(PackedSolution.Unmanaged, "customizations.xml"));

        var fromZip = SolutionCheck.Run(zip);
        var fromFolder = SolutionCheck.Run(Path.Combine(dir.Path, "unpacked"));
        var fromFile = SolutionCheck.Run(Path.Combine(unpacked, "Customizations.xml"));

        Assert.Equal(fromZip.Issues, fromFolder.Issues);
        Assert.Equal(fromZip.Issues, fromFile.Issues);
        Assert.DoesNotContain(fromZip.Issues, i => i.IsError);
        Assert.Null(fromZip.Limitation);
        Assert.Null(fromFile.Limitation);
        Assert.Equal(SolutionCheck.UnpackedLimitation, fromFolder.Limitation); // the unpacked layout keeps entities elsewhere
        Assert.EndsWith("!/customizations.xml", fromZip.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_names_what_is_missing()
    {
        using var dir = new TempDirectory();
        var notSolution = Path.Combine(dir.Path, "other.zip");
        using (var archive = ZipFile.Open(notSolution, ZipArchiveMode.Create))
        {
            archive.CreateEntry("readme.txt");
        }

        Assert.Contains("no customizations.xml", Assert.Throws<InvalidDataException>(() => SolutionCheck.Run(notSolution)).Message, StringComparison.Ordinal);
        Assert.Contains("holds no customizations.xml", Assert.Throws<FileNotFoundException>(() => SolutionCheck.Run(dir.Path)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => SolutionCheck.Run(Path.Combine(dir.Path, "missing.zip"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Elements_that_current_exports_carry_are_allowed_with_their_evidence()
    {
        var document = PackedSolution.Customizations;
        var root = document.Root!;
        // Where the export puts them: after the common column elements, before the type's own (IsDataSourceSecret,
        // which the export has in between, is optional).
        var attribute = root.Descendants("attribute").First(a => a.Element("SourceType") is not null);
        attribute.Element("SourceType")!.AddAfterSelf(
            new XElement("AutoNumberFormat"), new XElement("IsSearchable", "0"), new XElement("IsFilterable", "0"), new XElement("IsRetrievable", "0"), new XElement("IsLocalizable", "0"));
        var entity = root.Descendants("entity").First(e => e.Element("IsAuditEnabled") is not null);
        entity.Element("IsAuditEnabled")!.AddAfterSelf(new XElement("IsRetrieveAuditEnabled", "0"), new XElement("IsRetrieveMultipleAuditEnabled", "0"));
        root.Descendants("EntityRelationship").First().Element("CascadeDelete")!.AddAfterSelf(new XElement("CascadeArchive", "RemoveLink"));

        var issues = SolutionSchemaValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(document.ToString())));

        Assert.True(issues.All(i => !i.IsError), string.Join(Environment.NewLine, issues.Where(i => i.IsError)));
        Assert.Contains(issues, i => i.Element.EndsWith("/attribute/AutoNumberFormat", StringComparison.Ordinal) && i.Allowance!.Contains("coe-starter-kit", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Element.EndsWith("/EntityRelationship/CascadeArchive", StringComparison.Ordinal));
    }

    [Fact]
    public void A_customers_export_with_what_Microsofts_own_exports_carry_passes_the_check()
    {
        // The shapes of real exports (coe-starter-kit; a Sales export's processes): a cloud flow's process elements, a
        // role inherited by teams, an app's state, the newer root elements, a form's header density, a custom page.
        var document = PackedSolution.Customizations;
        var root = document.Root!;
        root.Add(new XElement("EntityImageConfigs"), new XElement("AttributeImageConfigs"), new XElement("CanvasApps"), new XElement("connectionreferences"), new XElement("msdyn_dataflows"));
        root.Element("Roles")!.Elements("Role").First().Add(new XAttribute("isinherited", "1"));
        root.Descendants("form").First().Add(new XAttribute("headerdensity", "HighWithControls"));
        root.Descendants("SubArea").First().Add(new XAttribute("Page", "cpc_somepage_1a2b3"));
        root.Descendants("AppModule").First().Element("FormFactor")!.AddBeforeSelf(new XElement("statecode", "0"), new XElement("statuscode", "1"));
        var workflows = root.Element("Workflows") ?? new XElement("Workflows");
        if (workflows.Parent is null)
        {
            root.Element("FieldSecurityProfiles")?.AddBeforeSelf(workflows);
        }

        var text = document.ToString();
        var issues = SolutionSchemaValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.True(issues.All(i => !i.IsError), string.Join(Environment.NewLine, issues.Where(i => i.IsError)));
        Assert.Contains(issues, i => i.Element.EndsWith("/EntityImageConfigs", StringComparison.Ordinal) && i.Allowance is not null);
        Assert.Contains(issues, i => i.Element.EndsWith("/Role", StringComparison.Ordinal) && i.Allowance!.Contains("isinherited", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("IsCustomProcessingStepAllowedForOtherPublishers")]
    [InlineData("JsonFileName")]
    [InlineData("BillingContext")]
    public void A_process_with_the_elements_of_current_exports_is_allowed(string element)
    {
        var allowance = SchemaAllowList.Allowance(["ImportExportXml", "Workflows", "Workflow", element], $"The element 'Workflow' has invalid child element '{element}'. List of possible elements expected: 'x'.");

        Assert.NotNull(allowance);
    }

    [Fact]
    public void Unique_constraints_of_the_schema_are_enforced()
    {
        var document = PackedSolution.Customizations;
        var area = document.Root!.Descendants("Area").First();
        area.AddAfterSelf(new XElement(area));

        var issues = SolutionSchemaValidator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(document.ToString())));

        Assert.Contains(issues, i => i.IsError && i.Element.EndsWith("/Area", StringComparison.Ordinal));
    }

    private static List<SchemaIssue> Validate(byte[] zip) =>
        [.. SolutionSchemaValidator.Validate(new MemoryStream(PackedSolution.Read(zip, "customizations.xml")))];

    private static void Break(XDocument document, string breakage)
    {
        var root = document.Root!;
        switch (breakage)
        {
            case "webresources-after-customcontrols":
                var resources = root.Element("WebResources")!;
                resources.Remove();
                (root.Element("CustomControls") ?? throw new InvalidOperationException("no CustomControls")).AddAfterSelf(resources);
                break;
            case "optionsettype-bool":
                root.Descendants("OptionSetType").First(e => e.Value == "bit").Value = "bool";
                break;
            case "hasrelatednotes-0":
                root.Descendants("HasRelatedNotes").First().Value = "0";
                break;
            case "step-serviceendpointid":
                var handler = root.Descendants("EventHandler").First();
                handler.AddAfterSelf(new XElement("ServiceEndpointId", handler.Value));
                break;
            case "sitemap-descriptions":
                root.Element("AppModuleSiteMaps")!.Element("AppModuleSiteMap")!.Element("LocalizedNames")!.AddAfterSelf(new XElement("Descriptions"));
                break;
            case "unknown-root-attribute":
                root.SetAttributeValue("ExportedBy", "someone");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }
}
