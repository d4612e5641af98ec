using System.Reflection;
using System.Xml.Linq;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>
/// The seams the design depends on: projects reference inwards only (domain ← application ← adapters ← hosts, read
/// from the folders they live in), all Dataverse I/O stays in the adapter's records (swapping the Web API touches the
/// adapter only), and only the hosts know HTTP (actions take and return typed requests and results).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>A project's layer, from its folder: plugins|functions/{domain,application,adapters,hosts}/…, solution/… (the packer, a tool).</summary>
    public enum Layer
    {
        Domain,
        Application,
        Adapter,
        Tool,
        Host,
    }

    public sealed record ProjectNode(string Name, Layer Layer, IReadOnlyList<string> References);

    internal static Layer LayerOf(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        return parts switch
        {
            ["solution", ..] => Layer.Tool,
            [_, "domain", ..] => Layer.Domain,
            [_, "application", ..] => Layer.Application,
            [_, "adapters", ..] => Layer.Adapter,
            [_, "hosts", ..] => Layer.Host,
            _ => throw new InvalidDataException(relativePath + " is in no layer folder (domain, application, adapters, hosts)"),
        };
    }

    /// <summary>
    /// The references that go the wrong way: the domain references nothing outside the domain; the application only the
    /// domain; an adapter only the domain and the application (never another adapter or a host); the solution packer
    /// (a tool) adapters and below; nothing references a host.
    /// </summary>
    internal static IEnumerable<string> Violations(IReadOnlyList<ProjectNode> projects)
    {
        // One named exception: the lake holds Dataverse's own tables, so its reader maps their rows with the Dataverse
        // adapter's mappers (one definition of what a persona or contact row means) rather than a second copy of them.
        // The Functions app does not reference the lake adapter (DuckDB's native library stays out of its package).
        (string From, string To)[] allowedBetweenAdapters = [("CrmPersonCentric.Lake", "CrmPersonCentric.Dataverse")];
        var layers = projects.ToDictionary(p => p.Name, p => p.Layer, StringComparer.Ordinal);
        foreach (var project in projects)
        {
            foreach (var reference in project.References)
            {
                var target = layers.TryGetValue(reference, out var layer) ? layer : throw new InvalidDataException($"{project.Name} references {reference}, which is not a source project");
                var allowed = project.Layer switch
                {
                    Layer.Domain => target == Layer.Domain,
                    Layer.Application => target is Layer.Domain or Layer.Application,
                    Layer.Adapter => target is Layer.Domain or Layer.Application,
                    Layer.Tool => target is Layer.Domain or Layer.Application or Layer.Adapter,
                    _ => target != Layer.Host,
                };
                if (!allowed && !allowedBetweenAdapters.Contains((project.Name, reference)))
                {
                    yield return $"{project.Name} ({project.Layer}) references {reference} ({target})";
                }
            }
        }
    }

    internal static IReadOnlyList<ProjectNode> SourceProjects()
    {
        var root = RepositoryRoot.Path;
        return
        [
            .. new[] { "plugins", "functions", "solution" }
                .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(path => new ProjectNode(
                    Path.GetFileNameWithoutExtension(path),
                    LayerOf(Path.GetRelativePath(root, path)),
                    [.. XDocument.Load(path).Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))])),
        ];
    }

    [Fact]
    public void Projects_ReferenceInwardsOnly()
    {
        var projects = SourceProjects();

        Assert.Empty(Violations(projects));
        // Every layer is populated, so a project moved out of its folder shows up here rather than passing unseen.
        Assert.Equal(Enum.GetValues<Layer>().Order(), projects.Select(p => p.Layer).Distinct().Order());
    }

    [Theory]
    [InlineData(Layer.Domain, Layer.Application)]
    [InlineData(Layer.Application, Layer.Adapter)]
    [InlineData(Layer.Application, Layer.Host)]
    [InlineData(Layer.Adapter, Layer.Adapter)]
    [InlineData(Layer.Adapter, Layer.Host)]
    [InlineData(Layer.Tool, Layer.Host)]
    [InlineData(Layer.Host, Layer.Host)]
    public void Violations_NameAReferenceTheWrongWay(Layer from, Layer to)
    {
        var projects = new[] { new ProjectNode("From", from, ["To"]), new ProjectNode("To", to, []) };

        var violation = Assert.Single(Violations(projects));

        Assert.Equal($"From ({from}) references To ({to})", violation);
    }

    [Theory]
    [InlineData("plugins/domain/CrmPersonCentric.Model/CrmPersonCentric.Model.csproj", Layer.Domain)]
    [InlineData("functions/application/CrmPersonCentric.Application/CrmPersonCentric.Application.csproj", Layer.Application)]
    [InlineData("functions/adapters/CrmPersonCentric.Storage/CrmPersonCentric.Storage.csproj", Layer.Adapter)]
    [InlineData("functions/hosts/CrmPersonCentric.Cli/CrmPersonCentric.Cli.csproj", Layer.Host)]
    [InlineData("solution/CrmPersonCentric.Solution/CrmPersonCentric.Solution.csproj", Layer.Tool)]
    public void LayerOf_ReadsTheFolder(string path, Layer expected) => Assert.Equal(expected, LayerOf(path));

    [Fact]
    public void LayerOf_AProjectOutsideTheLayerFolders_IsAnError() =>
        Assert.Throws<InvalidDataException>(() => LayerOf("functions/CrmPersonCentric.Misc/CrmPersonCentric.Misc.csproj"));

    private static IEnumerable<Type> ConstructorParameters(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);

    [Fact]
    public void StepsAndActions_NeverTakeTheWebApiClient()
    {
        var steps = typeof(IPluginStep).Assembly.GetTypes().Where(t => t.Namespace is "CrmPersonCentric.Dataverse.Steps" or "CrmPersonCentric.Dataverse.Webhook");
        var actions = typeof(EvaluateDrift).Assembly.GetTypes();

        var offenders = steps.Concat(actions).Where(t => ConstructorParameters(t).Contains(typeof(IDataverseClient))).Select(t => t.FullName).ToList();

        Assert.Empty(offenders);
        Assert.Contains(typeof(WebApiContactRecords), typeof(IPluginStep).Assembly.GetTypes().Where(t => ConstructorParameters(t).Contains(typeof(IDataverseClient))));
    }

    [Theory]
    [InlineData("CrmPersonCentric.Model")]
    [InlineData("CrmPersonCentric.Drift")]
    [InlineData("CrmPersonCentric.Application")]
    [InlineData("CrmPersonCentric.Dataverse")]
    [InlineData("CrmPersonCentric.Storage")]
    [InlineData("CrmPersonCentric.Reports")]
    public void BelowTheHosts_NoHttpTypes(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var signatures = assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType));

        // Razor components (the reports' templates, rendered to static HTML) are not HTTP: only they may be referenced.
        static bool Http(string? name) => name is not null && !name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal)
            && (name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.Azure.Functions", StringComparison.Ordinal));
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => Http(a.Name));
        Assert.DoesNotContain(signatures, t => Http(t.Namespace));
    }
}
