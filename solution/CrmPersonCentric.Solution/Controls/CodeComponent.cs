using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;
using CrmPersonCentric.Solution.Schema;

namespace CrmPersonCentric.Solution.Controls;

/// <summary>
/// A built Power Apps code component (the output of <c>pcf-scripts build</c>): its solution name
/// (<c>{prefix}_{namespace}.{constructor}</c>), the properties its manifest declares and the files the solution carries
/// under <c>Controls/{name}/</c>: the built ControlManifest.xml and every resource it names (bundle, CSS, RESX).
/// </summary>
/// <param name="Name">The name Dataverse knows the component by, e.g. cpc_CrmPersonCentric.EnrichmentPanel.</param>
/// <param name="Properties">The manifest's property names, in manifest order.</param>
/// <param name="Files">Paths relative to the component's folder, with their bytes; ControlManifest.xml first.</param>
/// <param name="BuiltAt">When the oldest of those files was written (UTC).</param>
internal sealed record CodeComponent(string Name, ImmutableArray<string> Properties, ImmutableArray<(string Path, byte[] Content)> Files, DateTime BuiltAt)
{
    public const string ManifestFile = "ControlManifest.xml";

    /// <summary>Root component type of a custom control (solutioncomponent.componenttype 66).</summary>
    public const int ComponentType = 66;

    /// <summary>
    /// The component version for a solution version a.b.c.d: a.b.(c × 1000 + d). Dataverse replaces an imported code
    /// component only when its manifest version is higher, so each solution release stamps a higher one (monotonic
    /// while d stays below 1000).
    /// </summary>
    /// <exception cref="InvalidDataException">The solution version is not four numbers.</exception>
    public static string VersionFor(string solutionVersion)
    {
        var parts = (solutionVersion ?? string.Empty).Split('.');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            throw new InvalidDataException($"The solution version '{solutionVersion}' is not of the form major.minor.build.revision.");
        }

        var n = parts.Select(p => long.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (n[3] >= 1000)
        {
            throw new InvalidDataException($"The solution version '{solutionVersion}' has a revision of 1000 or more, which the code component version cannot follow: raise the build number instead.");
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n[0]}.{n[1]}.{(n[2] * 1000) + n[3]}");
    }

    /// <summary>The component with its manifest's control version set to <paramref name="version"/>.</summary>
    public CodeComponent WithVersion(string version, Func<XDocument, byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        var manifest = XDocument.Load(new MemoryStream(Files[0].Content));
        manifest.Root!.Element("control")!.SetAttributeValue("version", version);
        return this with { Files = Files.SetItem(0, (ManifestFile, serialize(manifest))) };
    }

    /// <summary>The component's folder in the solution zip.</summary>
    public string Folder => "Controls/" + Name;

    /// <summary>The manifest's path as customizations.xml names it.</summary>
    public string ManifestPath => "/" + Folder + "/" + ManifestFile;

    /// <summary>
    /// The built components under <paramref name="builtDirectory"/> (one folder per component, as pcf-scripts writes
    /// them), by name. <paramref name="sourceDirectory"/> holds their sources: output older than a source is refused.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Nothing is built.</exception>
    /// <exception cref="InvalidDataException">A manifest is malformed, names a missing file, or the build is stale.</exception>
    public static ImmutableArray<CodeComponent> ReadBuilt(string builtDirectory, string sourceDirectory)
    {
        const string hint = "build the code components first: ./build.sh panel (npm ci, then pcf-scripts build in solution/controls)";
        if (!Directory.Exists(builtDirectory))
        {
            throw new DirectoryNotFoundException($"No built code components at '{builtDirectory}': {hint}.");
        }

        var manifests = Directory.GetDirectories(builtDirectory).Select(d => Path.Combine(d, ManifestFile)).Where(File.Exists).Order(StringComparer.Ordinal).ToList();
        if (manifests.Count == 0)
        {
            throw new DirectoryNotFoundException($"'{builtDirectory}' holds no built code component ({ManifestFile}): {hint}.");
        }

        var components = manifests.Select(Read).OrderBy(c => c.Name, StringComparer.Ordinal).ToImmutableArray();
        var newestSource = Directory.Exists(sourceDirectory)
            ? Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
                .Where(f => !IsBuildOutputOrTooling(Path.GetRelativePath(sourceDirectory, f)))
                .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).MaxBy(f => f.Time)
            : default;
        var oldestOutput = components.Min(c => c.BuiltAt);
        if (newestSource.File is not null && newestSource.Time > oldestOutput)
        {
            throw new InvalidDataException($"The built code components are older than '{newestSource.File}': {hint}.");
        }

        return components;
    }

    private static bool IsBuildOutputOrTooling(string relative)
    {
        var first = relative.Replace('\\', '/').Split('/');
        return first[0] is "out" or "node_modules" || first.Contains("generated") || first[^1] == "package-lock.json";
    }

    private static CodeComponent Read(string manifestPath)
    {
        var folder = Path.GetDirectoryName(manifestPath)!;
        XDocument manifest;
        try
        {
            manifest = XDocument.Load(manifestPath);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"The built manifest '{manifestPath}' is not well-formed XML: {ex.Message}", ex);
        }

        var control = manifest.Root?.Element("control") ?? throw new InvalidDataException($"'{manifestPath}' has no <control> element.");
        var ns = control.Attribute("namespace")?.Value;
        var constructor = control.Attribute("constructor")?.Value;
        if (string.IsNullOrWhiteSpace(ns) || string.IsNullOrWhiteSpace(constructor))
        {
            throw new InvalidDataException($"'{manifestPath}': <control> needs its namespace and constructor attributes.");
        }

        var resources = control.Element("resources")?.Elements().Select(r => r.Attribute("path")?.Value).OfType<string>().ToList() ?? [];
        if (!resources.Any(r => r.EndsWith(".js", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidDataException($"'{manifestPath}' names no code resource (bundle.js).");
        }

        var files = new List<(string, byte[])> { (ManifestFile, File.ReadAllBytes(manifestPath)) };
        var builtAt = File.GetLastWriteTimeUtc(manifestPath);
        foreach (var resource in resources.Distinct(StringComparer.Ordinal))
        {
            var path = Path.GetFullPath(Path.Combine(folder, resource));
            if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                throw new InvalidDataException($"'{manifestPath}' names the resource '{resource}', which is not in the built component's folder.");
            }

            files.Add((resource.Replace('\\', '/'), File.ReadAllBytes(path)));
            var written = File.GetLastWriteTimeUtc(path);
            builtAt = written < builtAt ? written : builtAt;
        }

        return new CodeComponent(
            SolutionSchema.Prefix + ns + "." + constructor,
            [.. control.Elements("property").Select(p => p.Attribute("name")?.Value).OfType<string>()],
            [.. files],
            builtAt);
    }
}
