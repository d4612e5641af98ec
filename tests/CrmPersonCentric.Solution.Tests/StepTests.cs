using System.Globalization;
using System.Xml.Linq;
using CrmPersonCentric.Dataverse.Steps;

namespace CrmPersonCentric.Solution.Tests;

/// <summary>The solution's steps and endpoint agree with <see cref="StepCatalog"/>, the registration command's source.</summary>
public sealed class StepTests
{
    public static TheoryData<string> StepNames() => [.. StepCatalog.Packaged.Select(s => s.Name)];

    [Fact]
    public void Solution_has_exactly_the_asynchronous_catalog_steps()
    {
        var names = Steps().Select(s => s.Attribute("Name")!.Value);

        Assert.Equal(StepCatalog.Packaged.Select(s => s.Name), names);
        Assert.All(StepCatalog.Packaged, s => Assert.Equal(StepMode.Asynchronous, s.Mode));
    }

    [Fact]
    public void Synchronous_steps_are_left_to_registration_so_an_import_alone_never_blocks_a_save()
    {
        var names = Steps().Select(s => s.Attribute("Name")!.Value).ToHashSet();

        Assert.NotEmpty(StepCatalog.RegisteredOnly);
        Assert.All(StepCatalog.RegisteredOnly, s => Assert.DoesNotContain(s.Name, names));
        Assert.Equal(StepCatalog.All.Length, StepCatalog.Packaged.Length + StepCatalog.RegisteredOnly.Length);
    }

    [Fact]
    public void Manifest_lists_exactly_the_packaged_steps()
    {
        var roots = PackedSolution.Manifest.Descendants("RootComponent").Where(r => r.Attribute("type")!.Value == "92").Select(r => Guid.Parse(r.Attribute("id")!.Value)).ToHashSet();
        var steps = Steps().Select(s => Guid.Parse(s.Attribute("SdkMessageProcessingStepId")!.Value)).ToHashSet();

        Assert.Equal(steps, roots);
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Step_matches_its_catalog_registration(string name)
    {
        var expected = StepCatalog.Packaged.Single(s => s.Name == name);

        var step = Steps().Single(s => s.Attribute("Name")!.Value == name);

        Assert.Equal(expected.Table, step.Element("PrimaryEntity")!.Value);
        Assert.Equal(((int)expected.Stage).ToString(CultureInfo.InvariantCulture), step.Element("Stage")!.Value);
        Assert.Equal(((int)expected.Mode).ToString(CultureInfo.InvariantCulture), step.Element("Mode")!.Value);
        Assert.Equal(expected.Rank.ToString(CultureInfo.InvariantCulture), step.Element("Rank")!.Value);
        Assert.Equal(expected.Description, step.Element("Description")!.Value);
        Assert.Equal(expected.FilteringAttributes.IsDefaultOrEmpty ? [] : expected.FilteringAttributes.ToArray(), Split(step.Element("FilteringAttributes")?.Value));
        Assert.Equal(MessageId(expected.Message), step.Element("SdkMessageId")!.Value);
        Assert.Equal(expected.Mode == StepMode.Asynchronous ? "1" : "0", step.Element("AsyncAutoDelete")!.Value);
        var images = step.Element("SdkMessageProcessingStepImages")!.Elements("SdkMessageProcessingStepImage").ToList();
        Assert.Equal(expected.Images.Length, images.Count);
        foreach (var (want, image) in expected.Images.Zip(images))
        {
            Assert.Equal(want.Alias, image.Element("EntityAlias")!.Value);
            Assert.Equal(((int)want.Type).ToString(CultureInfo.InvariantCulture), image.Element("ImageType")!.Value);
            Assert.Equal(expected.Message == "Create" ? "id" : "Target", image.Element("MessagePropertyName")!.Value);
            Assert.Equal(want.Attributes.ToArray(), Split(image.Element("Attributes")!.Value));
        }
    }

    [Fact]
    public void Every_step_runs_on_the_single_webhook_endpoint()
    {
        var endpoint = PackedSolution.Customizations.Root!.Element("ServiceEndpoints")!.Elements("ServiceEndpoint").Single();
        var id = Guid.Parse(endpoint.Attribute("ServiceEndpointId")!.Value);

        Assert.Equal("8", endpoint.Element("Contract")!.Value);
        Assert.Equal("4", endpoint.Element("AuthType")!.Value);
        Assert.Equal(Dataverse.Registration.RegistrationRequest.DefaultEndpointName, endpoint.Attribute("Name")!.Value);
        Assert.StartsWith("https://", endpoint.Element("Url")!.Value, StringComparison.Ordinal);
        Assert.All(Steps(), s => Assert.Equal(id, Guid.Parse(s.Element("EventHandler")!.Value)));
        Assert.All(Steps(), s => Assert.Equal("4618", s.Element("EventHandlerTypeCode")!.Value));
    }

    [Fact]
    public void Step_ids_are_unique()
    {
        var ids = Steps().Select(s => s.Attribute("SdkMessageProcessingStepId")!.Value).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static string MessageId(string message) => message switch
    {
        "Create" => "{9ebdbb1b-ea3e-db11-86a7-000a3a5473e8}",
        "Update" => "{20bebb1b-ea3e-db11-86a7-000a3a5473e8}",
        "Delete" => "{20bdbb1b-ea3e-db11-86a7-000a3a5473e8}",
        _ => throw new Xunit.Sdk.XunitException("Unknown message " + message),
    };

    private static string[] Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(',');

    private static IEnumerable<XElement> Steps() =>
        PackedSolution.Customizations.Root!.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep");
}
