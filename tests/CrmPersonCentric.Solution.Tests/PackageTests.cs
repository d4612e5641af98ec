using System.IO.Compression;
using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>The zip: layout, the code component, determinism and the managed/unmanaged pair.</summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "cpc-solution-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    private const string Panel = "cpc_CrmPersonCentric.EnrichmentPanel";

    private static readonly string BuiltPanel = Path.Combine(PackedSolution.SourceDirectory, "controls", "out", "controls", "EnrichmentPanel");

    [Fact]
    public void Zip_has_the_three_manifests_at_the_root_then_the_code_component()
    {
        var names = EntryNames(PackedSolution.Unmanaged);

        Assert.Equal(
            ["[Content_Types].xml", "solution.xml", "customizations.xml",
             $"Controls/{Panel}/ControlManifest.xml", $"Controls/{Panel}/bundle.js",
             $"Controls/{Panel}/css/EnrichmentPanel.css", $"Controls/{Panel}/strings/EnrichmentPanel.1033.resx"],
            names);
    }

    [Theory]
    [InlineData("bundle.js")]
    [InlineData("css/EnrichmentPanel.css")]
    [InlineData("strings/EnrichmentPanel.1033.resx")]
    public void Code_component_files_are_packed_unchanged_from_the_pcf_build(string file)
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(BuiltPanel, file)), PackedSolution.Read(PackedSolution.Unmanaged, $"Controls/{Panel}/{file}"));
    }

    [Fact]
    public void Code_component_is_declared_by_name_and_manifest_and_is_a_root_component_of_type_66()
    {
        var control = Assert.Single(PackedSolution.Customizations.Root!.Element("CustomControls")!.Elements("CustomControl"));
        var root = PackedSolution.Manifest.Descendants("RootComponent").Single(r => r.Attribute("type")!.Value == "66");

        Assert.Equal(Panel, control.Element("Name")!.Value);
        Assert.Equal($"/Controls/{Panel}/ControlManifest.xml", control.Element("FileName")!.Value);
        Assert.Equal(Panel, root.Attribute("schemaName")!.Value);
        Assert.Empty(PackedSolution.Customizations.Root!.Element("WebResources")!.Elements());
    }

    [Theory]
    [InlineData("1.0.0.0", "1.0.0")]
    [InlineData("1.0.0.1", "1.0.1")]
    [InlineData("1.2.3.4", "1.2.3004")]
    [InlineData("2.0.17.999", "2.0.17999")]
    public void Code_component_version_follows_the_solution_version(string solution, string component)
    {
        Assert.Equal(component, Controls.CodeComponent.VersionFor(solution));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.0.0.1000")]
    [InlineData("1.0.x.0")]
    public void Solution_versions_the_component_version_cannot_follow_are_refused(string solution)
    {
        Assert.Throws<InvalidDataException>(() => Controls.CodeComponent.VersionFor(solution));
    }

    [Fact]
    public void Packed_manifest_is_the_built_one_stamped_with_the_solution_version()
    {
        var built = XDocument.Load(Path.Combine(BuiltPanel, "ControlManifest.xml"));
        var packed = XDocument.Load(new MemoryStream(PackedSolution.Read(PackedSolution.Unmanaged, $"Controls/{Panel}/ControlManifest.xml")));
        var version = PackedSolution.Manifest.Root!.Element("SolutionManifest")!.Element("Version")!.Value;

        Assert.Equal(Controls.CodeComponent.VersionFor(version), packed.Root!.Element("control")!.Attribute("version")!.Value);
        built.Root!.Element("control")!.SetAttributeValue("version", packed.Root.Element("control")!.Attribute("version")!.Value);
        Assert.True(XNode.DeepEquals(built.Root, packed.Root));
    }

    [Fact]
    public void Packed_manifest_is_the_built_one_naming_the_bundle_and_the_web_api_feature()
    {
        var manifest = XDocument.Load(new MemoryStream(PackedSolution.Read(PackedSolution.Unmanaged, $"Controls/{Panel}/ControlManifest.xml")));
        var control = manifest.Root!.Element("control")!;

        Assert.Equal("CrmPersonCentric", control.Attribute("namespace")!.Value);
        Assert.Equal("EnrichmentPanel", control.Attribute("constructor")!.Value);
        Assert.Equal("standard", control.Attribute("control-type")!.Value);
        Assert.Equal("bundle.js", control.Element("resources")!.Element("code")!.Attribute("path")!.Value);
        Assert.Contains(control.Descendants("uses-feature"), f => f.Attribute("name")!.Value == "WebAPI");
        Assert.Equal("coreFears", control.Elements("property").First().Attribute("name")!.Value);
    }

    [Fact]
    public void Content_types_cover_every_entry_extension()
    {
        var declared = PackedSolution.Entry("[Content_Types].xml").Root!.Elements().Select(e => e.Attribute("Extension")!.Value).ToHashSet();

        Assert.All(EntryNames(PackedSolution.Unmanaged), n => Assert.Contains(Path.GetExtension(n).TrimStart('.'), declared));
    }

    [Fact]
    public void Packing_twice_gives_identical_bytes()
    {
        var first = SolutionPacker.PackToBytes(PackedSolution.SourceDirectory, managed: false);
        var second = SolutionPacker.PackToBytes(PackedSolution.SourceDirectory, managed: false);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Every_entry_has_the_fixed_1980_timestamp()
    {
        using var archive = new ZipArchive(new MemoryStream(PackedSolution.Unmanaged), ZipArchiveMode.Read);

        Assert.All(archive.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void Managed_and_unmanaged_differ_only_by_the_managed_flag()
    {
        var managed = SolutionPacker.PackToBytes(PackedSolution.SourceDirectory, managed: true);
        var unmanaged = PackedSolution.Unmanaged;

        Assert.Equal(EntryNames(unmanaged), EntryNames(managed));
        foreach (var name in EntryNames(unmanaged).Where(n => n != "solution.xml"))
        {
            Assert.Equal(PackedSolution.Read(unmanaged, name), PackedSolution.Read(managed, name));
        }

        var managedManifest = XDocument.Load(new MemoryStream(PackedSolution.Read(managed, "solution.xml")));
        var unmanagedManifest = XDocument.Load(new MemoryStream(PackedSolution.Read(unmanaged, "solution.xml")));
        Assert.Equal("1", ManagedFlag(managedManifest).Value);
        Assert.Equal("0", ManagedFlag(unmanagedManifest).Value);
        ManagedFlag(managedManifest).Value = "0";
        Assert.True(XNode.DeepEquals(unmanagedManifest, managedManifest));
    }

    [Theory]
    [InlineData(false, "CrmPersonCentric.zip")]
    [InlineData(true, "CrmPersonCentric_managed.zip")]
    public void Pack_writes_the_zip_and_reports_its_hash(bool managed, string fileName)
    {
        var result = SolutionPacker.Pack(PackedSolution.SourceDirectory, _output, managed);

        Assert.Equal(Path.Combine(_output, fileName), result.ZipPath);
        Assert.Equal(managed, result.Managed);
        Assert.Equal(EntryNames(File.ReadAllBytes(result.ZipPath)), result.Entries);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(result.ZipPath))), result.Sha256);
    }

    [Fact]
    public void Pack_of_a_folder_without_sources_names_the_missing_file()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        File.Delete(Path.Combine(_output, "src", "[Content_Types].xml"));

        var error = Assert.Throws<FileNotFoundException>(() => SolutionPacker.Pack(_output, Path.Combine(_output, "out"), managed: false));

        Assert.Contains("[Content_Types].xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_without_a_built_code_component_says_how_to_build_it()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        Directory.Delete(Path.Combine(_output, "controls", "out"), recursive: true);

        var error = Assert.Throws<DirectoryNotFoundException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("./build.sh panel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_refuses_a_code_component_older_than_its_sources()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        var source = Path.Combine(_output, "controls", "EnrichmentPanel", "panel.ts");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("older than", error.Message, StringComparison.Ordinal);
        Assert.Contains("panel.ts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_refuses_a_manifest_whose_properties_the_form_does_not_bind()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        var path = Path.Combine(_output, "controls", "out", "controls", "EnrichmentPanel", "ControlManifest.xml");
        var manifest = XDocument.Load(path);
        manifest.Root!.Element("control")!.Elements("property").First().AddAfterSelf(
            new XElement("property", new XAttribute("name", "jobTitle"), new XAttribute("of-type", "SingleLine.Text"), new XAttribute("usage", "bound")));
        manifest.Save(path);

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("unbound properties [jobTitle]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_refuses_a_manifest_naming_a_resource_that_was_not_built()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        File.Delete(Path.Combine(_output, "controls", "out", "controls", "EnrichmentPanel", "css", "EnrichmentPanel.css"));

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("css/EnrichmentPanel.css", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Customizations_source_without_a_generated_container_is_rejected()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        var path = Path.Combine(_output, "src", "customizations.xml");
        var source = XDocument.Load(path);
        source.Root!.Element("SdkMessageProcessingSteps")!.Remove();
        source.Save(path);

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("SdkMessageProcessingSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_source_xml_is_rejected_naming_the_file()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        File.WriteAllText(Path.Combine(_output, "src", "solution.xml"), "<ImportExportXml><SolutionManifest>");

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("solution.xml", error.Message, StringComparison.Ordinal);
    }

    private static XElement ManagedFlag(XDocument manifest) => manifest.Root!.Element("SolutionManifest")!.Element("Managed")!;

    private static List<string> EntryNames(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    /// <summary>Copies the solution sources and the built components, keeping each file's time (the packer compares them).</summary>
    private static void CopyDirectory(string from, string to)
    {
        var controls = Path.Combine(from, "controls");
        var files = Directory.EnumerateFiles(Path.Combine(from, "src"))
            .Concat(Directory.EnumerateFiles(controls, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(controls, f).StartsWith("node_modules", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }
}
