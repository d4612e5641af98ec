using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using FsCheck;
using FsCheck.Fluent;
using NSubstitute;

namespace CrmPersonCentric.Dataverse.Tests.Steps;

/// <summary>
/// The contact step reads the image it registered, by alias, whatever else the delivery carries: Dataverse's own
/// automatic post image (primary name and id) on every asynchronous delivery, another step's image, in any order. A
/// delivery without the registered image reads the row back; it is never taken for an empty, untagged profile.
/// </summary>
public sealed class RegisteredImageTests
{
    private const string ImageVersion = "\"77\"";
    private const string ReadBackETag = "W/\"88\"";

    /// <summary>Which images a delivery carries, in which order.</summary>
    public enum Carried
    {
        Registered,
        Automatic,
        Foreign,
    }

    public sealed record ImagePlan(string Message, IReadOnlyList<Carried> Images)
    {
        public override string ToString() => $"{Message} with [{string.Join(", ", Images)}]";
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DocumentedUpdate_WithTheAutomaticImage_KeepsThePersonaAndTraits(bool automaticFirst)
    {
        var kit = Kit(out var snapshots, out var writes);
        var body = WebhookPayloads.ContactChange(WebhookPayloads.ContactId, "77", automaticImageFirst: automaticFirst);

        var result = await kit.ProfileStep().ExecuteAsync(WebhookContextReader.Read(body), TestContext.Current.CancellationToken);

        Assert.Equal(StepOutcome.Completed, result.Outcome);
        var snapshot = Assert.Single(snapshots);
        Assert.Equal(WebhookPayloads.PersonaId, snapshot.Profile.PersonaId);
        Assert.Equal("77", snapshot.RowVersion);
        Assert.Contains("missing-quota", snapshot.Profile.Traits[TraitDimension.CoreFear]);
        Assert.DoesNotContain(writes, w => w["cpc_insightsummary"]?.GetValue<string>() == "No persona tagged.");
    }

    [Fact]
    public async Task OnlyTheAutomaticImage_ReadsTheRowBack()
    {
        var kit = Kit(out var snapshots, out _);
        var body = DeliveryBuilder.FromLearnSample()
            .Event("Update", "contact", WebhookPayloads.ContactId)
            .Target("""{ "key": "cpc_corefears", "value": "burnout" }""")
            .Build();

        var result = await kit.ProfileStep().ExecuteAsync(WebhookContextReader.Read(body), TestContext.Current.CancellationToken);

        Assert.Contains("did not carry the registered image", result.Message, StringComparison.Ordinal);
        Assert.Equal(ReadBackETag, Assert.Single(snapshots).RowVersion);
        Assert.Equal(WebhookPayloads.PersonaId, snapshots[0].Profile.PersonaId);
    }

    [Fact]
    public async Task AnySetAndOrderOfImages_TheRegisteredOneOrAReadBack_NeverAnEmptyProfile()
    {
        var plans =
            from message in Gen.Elements("Create", "Update")
            from count in Gen.Choose(0, 3)
            from images in Gen.Shuffle(Enum.GetValues<Carried>())
            select new ImagePlan(message, [.. images.Take(count)]);

        var config = Config.QuickThrowOnFailure.WithMaxTest(60).WithReplay(20261206UL, 3UL);

        // FsCheck waits for Task properties itself; off the test's synchronisation context that wait cannot block them.
        await Task.Run(() => Check.One(config, Prop.ForAll(plans.ToArbitrary(), plan => HoldsAsync(plan))), TestContext.Current.CancellationToken);
    }

    private static async Task HoldsAsync(ImagePlan plan)
    {
        var kit = Kit(out var snapshots, out var writes);
        var builder = DeliveryBuilder.FromLearnSample()
            .Event(plan.Message, "contact", WebhookPayloads.ContactId)
            .Target("""{ "key": "cpc_corefears", "value": "Fear of missing quota" }""")
            .AutomaticImage(present: false);
        foreach (var image in plan.Images)
        {
            _ = image switch
            {
                Carried.Registered => builder.PostImage("PostImage", WebhookPayloads.ContactImageAttributes(), ImageVersion),
                Carried.Automatic => builder.PostImage(DeliveryBuilder.AutomaticImageAlias, $$"""{ "key": "fullname", "value": "(sample)" }, { "key": "contactid", "value": "{{WebhookPayloads.ContactId}}" }"""),
                _ => builder.PostImage("AnotherStepsImage", """{ "key": "fullname", "value": "(sample)" }, { "key": "emailaddress1", "value": "someone@example.com" }""", "\"5\""),
            };
        }

        var result = await kit.ProfileStep().ExecuteAsync(WebhookContextReader.Read(builder.Build()), TestContext.Current.CancellationToken);
        var snapshot = Assert.Single(snapshots);
        Assert.Equal(StepOutcome.Completed, result.Outcome);
        Assert.Equal(WebhookPayloads.PersonaId, snapshot.Profile.PersonaId);
        Assert.Equal(plan.Images.Contains(Carried.Registered) ? "77" : ReadBackETag, snapshot.RowVersion);
        Assert.DoesNotContain(writes, w => w["cpc_insightsummary"]?.GetValue<string>() == "No persona tagged.");
    }

    private static StepTestKit Kit(out List<PersonSnapshot> snapshots, out List<JsonObject> writes)
    {
        var kit = new StepTestKit();
        kit.ServePersonaAndAccount();
        kit.Client.RetrieveAsync("contacts", Guid.Parse(WebhookPayloads.ContactId), Arg.Any<IReadOnlyList<string>?>(), Arg.Any<CancellationToken>())
            .Returns(JsonNode.Parse($$"""{ "@odata.etag": {{System.Text.Json.JsonSerializer.Serialize(ReadBackETag)}}, "cpc_corefears": "Fear of missing quota", "_cpc_personaid_value": "{{WebhookPayloads.PersonaId}}" }""")!.AsObject());
        var stored = new List<PersonSnapshot>();
        var written = new List<JsonObject>();
        kit.People.UpsertSnapshotAsync(Arg.Do<PersonSnapshot>(stored.Add), Arg.Any<CancellationToken>());
        kit.Client.UpdateAsync("contacts", Arg.Any<Guid>(), Arg.Do<JsonObject>(written.Add), Arg.Any<string?>(), Arg.Any<CancellationToken>());
        snapshots = stored;
        writes = written;
        return kit;
    }
}
