using System.IO.Compression;
using System.Xml.Linq;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>The repository's solution, packed once (unmanaged) and opened for assertions.</summary>
internal static class PackedSolution
{
    public static string SourceDirectory { get; } = RepositoryRoot.Combine("solution");

    private static readonly Lazy<byte[]> Bytes = new(() => SolutionPacker.PackToBytes(SourceDirectory, managed: false));

    public static byte[] Unmanaged => Bytes.Value;

    public static XDocument Customizations => Entry("customizations.xml");

    public static XDocument Manifest => Entry("solution.xml");

    public static XDocument Entry(string name) => XDocument.Load(new MemoryStream(Read(Unmanaged, name)));

    public static byte[] Read(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entry = archive.GetEntry(name) ?? throw new InvalidOperationException($"The zip has no entry '{name}'.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static XElement Entity(string table) =>
        Customizations.Root!.Element("Entities")!.Elements("Entity").SingleOrDefault(e => e.Element("Name")!.Value == table)
        ?? throw new Xunit.Sdk.XunitException($"customizations.xml has no entity '{table}'.");

    public static XElement? Attribute(string table, string column) =>
        Entity(table).Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute")
            .SingleOrDefault(a => a.Element("LogicalName")!.Value == column);
}
