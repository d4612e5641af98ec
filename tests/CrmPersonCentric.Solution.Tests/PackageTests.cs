using System.IO.Compression;
using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>The zip: layout, web resources, determinism and the managed/unmanaged pair.</summary>
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

    [Fact]
    public void Zip_has_the_three_manifests_at_the_root_then_web_resources()
    {
        var names = EntryNames(PackedSolution.Unmanaged);

        Assert.Equal(
            ["[Content_Types].xml", "solution.xml", "customizations.xml",
             "WebResources/cpc_/enrichmentpanel/contactform.js", "WebResources/cpc_/enrichmentpanel/panel.css",
             "WebResources/cpc_/enrichmentpanel/panel.html", "WebResources/cpc_/enrichmentpanel/panel.js"],
            names);
    }

    [Theory]
    [InlineData("panel.html", "1")]
    [InlineData("panel.css", "2")]
    [InlineData("panel.js", "3")]
    [InlineData("contactform.js", "3")]
    public void Web_resource_is_declared_with_its_type_and_file_and_packed_unchanged(string file, string type)
    {
        var name = "cpc_/enrichmentpanel/" + file;
        var resource = PackedSolution.Customizations.Root!.Element("WebResources")!.Elements("WebResource").Single(w => w.Element("Name")!.Value == name);

        Assert.Equal(type, resource.Element("WebResourceType")!.Value);
        Assert.Equal("/WebResources/" + name, resource.Element("FileName")!.Value);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(PackedSolution.SourceDirectory, "webresources", "cpc_", "enrichmentpanel", file)),
            PackedSolution.Read(PackedSolution.Unmanaged, "WebResources/" + name));
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
        Directory.CreateDirectory(Path.Combine(_output, "webresources"));

        var error = Assert.Throws<FileNotFoundException>(() => SolutionPacker.Pack(_output, Path.Combine(_output, "out"), managed: false));

        Assert.Contains("[Content_Types].xml", error.Message, StringComparison.Ordinal);
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

    [Fact]
    public void Web_resource_of_an_unsupported_type_is_rejected()
    {
        CopyDirectory(PackedSolution.SourceDirectory, _output);
        File.WriteAllText(Path.Combine(_output, "webresources", "cpc_", "notes.txt"), "x");

        var error = Assert.Throws<InvalidDataException>(() => SolutionPacker.PackToBytes(_output, managed: false));

        Assert.Contains("cpc_/notes.txt", error.Message, StringComparison.Ordinal);
    }

    private static XElement ManagedFlag(XDocument manifest) => manifest.Root!.Element("SolutionManifest")!.Element("Managed")!;

    private static List<string> EntryNames(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(from, "src")).Concat(Directory.EnumerateFiles(Path.Combine(from, "webresources"), "*", SearchOption.AllDirectories)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
