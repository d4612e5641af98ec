using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Controls;

namespace CrmPersonCentric.Solution;

/// <summary>
/// Packs the Dataverse solution (solution/src + the built code components under solution/controls + the components
/// generated from code) into an
/// importable zip, deterministically: the same input gives the same bytes (fixed entry order, fixed 1980-01-01 timestamps,
/// no extra metadata).
/// </summary>
public static class SolutionPacker
{
    /// <summary>The solution's unique name, which also names the zip.</summary>
    public const string UniqueName = "CrmPersonCentric";

    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Unix mode 0100644 (regular file, rw-r--r--) in the high word, so unzip restores readable files on every platform.</summary>
    private const int RegularFileMode = 0x81A4 << 16;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Packs the solution into <paramref name="outputDirectory"/>.</summary>
    /// <param name="sourceDirectory">The solution folder: holds <c>src/</c> (solution.xml, customizations.xml, [Content_Types].xml) and <c>controls/</c> (the code components, built into <c>controls/out/controls</c>).</param>
    /// <param name="outputDirectory">Where the zip is written (created when missing).</param>
    /// <param name="managed">True for the managed form.</param>
    /// <returns>The zip's path, entries and hash.</returns>
    /// <exception cref="IOException">A source file or folder is missing, or the zip cannot be written.</exception>
    /// <exception cref="InvalidDataException">A source file is malformed or lacks an element the packer fills.</exception>
    public static PackResult Pack(string sourceDirectory, string outputDirectory, bool managed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var entries = BuildEntries(sourceDirectory, managed);
        var bytes = Zip(entries);
        Directory.CreateDirectory(outputDirectory);
        var path = Path.GetFullPath(Path.Combine(outputDirectory, FileName(managed)));
        File.WriteAllBytes(path, bytes);
        return new PackResult(path, managed, [.. entries.Select(e => e.Name)], Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The zip file name: CrmPersonCentric.zip or CrmPersonCentric_managed.zip.</summary>
    public static string FileName(bool managed) => managed ? UniqueName + "_managed.zip" : UniqueName + ".zip";

    /// <summary>The zip's bytes, without writing anything.</summary>
    internal static byte[] PackToBytes(string sourceDirectory, bool managed) => Zip(BuildEntries(sourceDirectory, managed));

    /// <summary>
    /// The zip entries in their fixed order: [Content_Types].xml, solution.xml, customizations.xml, then each code
    /// component's files under Controls/{name}/ (manifest first, then its resources in manifest order).
    /// </summary>
    internal static IReadOnlyList<(string Name, byte[] Content)> BuildEntries(string sourceDirectory, bool managed)
    {
        var src = Path.Combine(sourceDirectory, "src");
        var controls = Path.Combine(sourceDirectory, "controls");
        var built = CodeComponent.ReadBuilt(Path.Combine(controls, "out", "controls"), controls);
        var contentTypes = Load(Path.Combine(src, "[Content_Types].xml"));
        var source = Load(Path.Combine(src, "solution.xml"));
        var version = CodeComponent.VersionFor(source.Root?.Element("SolutionManifest")?.Element("Version")?.Value ?? string.Empty);
        var components = built.Select(c => c.WithVersion(version, Serialize)).ToList();
        var solution = SolutionManifest.Build(source, components, managed);
        var customizations = CustomizationsBuilder.Build(Load(Path.Combine(src, "customizations.xml")), components);
        return
        [
            ("[Content_Types].xml", Serialize(contentTypes)),
            ("solution.xml", Serialize(solution)),
            ("customizations.xml", Serialize(customizations)),
            .. components.SelectMany(c => c.Files.Select(f => (c.Folder + "/" + f.Path, f.Content))),
        ];
    }

    private static XDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The solution source file '{path}' does not exist.", path);
        }

        XDocument document;
        try
        {
            document = XDocument.Load(path, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"The solution source file '{path}' is not well-formed XML: {ex.Message}", ex);
        }

        // Source comments explain the source; they are not part of what Dataverse imports.
        document.DescendantNodes().OfType<XComment>().ToList().ForEach(c => c.Remove());
        return document;
    }

    private static byte[] Serialize(XDocument document)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = Utf8NoBom, Indent = true, IndentChars = "  ", NewLineChars = "\r\n", NewLineHandling = NewLineHandling.Replace };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private static byte[] Zip(IReadOnlyList<(string Name, byte[] Content)> entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTimestamp;
                entry.ExternalAttributes = RegularFileMode;
                using var entryStream = entry.Open();
                entryStream.Write(content);
            }
        }

        return stream.ToArray();
    }
}
