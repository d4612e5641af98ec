using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Webhook;
using FsCheck;
using FsCheck.Fluent;

namespace CrmPersonCentric.Dataverse.Tests.Webhook;

public sealed class WebhookContextReaderTests
{
    [Fact]
    public void Read_LearnSample_IsFullyTyped()
    {
        var context = WebhookContextReader.Read(Fixture.Text("dataverse-webhook/learn-sample-update-contact-async-postop.json"));

        Assert.Equal(("Update", "contact", 40, 1, 1), (context.MessageName, context.PrimaryEntityName, context.Stage, context.Mode, context.Depth));
        Assert.Equal(Guid.Parse("6d81597f-0f9f-e711-8122-000d3aa2331c"), context.PrimaryEntityId);
        Assert.Equal(Guid.Parse("aaaa0000-bb11-2222-33cc-444444dddddd"), context.CorrelationId);
        Assert.Equal(Guid.Parse("11bb11bb-cc22-dd33-ee44-55ff55ff55ff"), context.UserId);
        Assert.Equal("OrgName", context.OrganizationName);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1506409448000), context.OperationCreatedOn);
        Assert.Equal(TimeSpan.FromHours(-7), context.OperationCreatedOn!.Value.Offset);
        var target = Assert.IsType<DataverseEntity>(context.Target);
        Assert.Equal("James", target.GetString("firstname"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1506384247000), target.GetDate("modifiedon"));
        Assert.Equal(new EntityReference("systemuser", Guid.Parse("11bb11bb-cc22-dd33-ee44-55ff55ff55ff")), target.GetReference("modifiedby"));
        Assert.True(target.Contains("modifiedonbehalfby"));
        Assert.Null(target.Attributes["modifiedonbehalfby"]);
        var image = Assert.Single(context.PostEntityImages);
        Assert.Equal("AsynchronousStepPrimaryName", image.Key);
        Assert.Equal("James Glynn (sample)", image.Value.GetString("fullname"));
        Assert.Empty(context.SharedVariables);
        Assert.False(context.IsSizeExceeded);
    }

    [Fact]
    public void Read_ConstructedCreate_ParsesEveryValueType()
    {
        var context = WebhookContextReader.Read(WebhookPayloads.CreateContact());
        var target = context.Target!;

        Assert.Equal([742300001, 742300003], target.GetOptions("cpc_trustsignals"));
        Assert.Equal(1250.50m, target.GetDecimal("creditlimit"));
        Assert.Equal(1, target.GetOption("preferredcontactmethodcode"));
        Assert.Equal("Any", target.FormattedValues["preferredcontactmethodcode"]);
        Assert.Equal(2, target.GetInteger("numberofchildren"));
        Assert.Equal(true, target.Attributes["donotemail"]);
        Assert.Equal("1234567", target.RowVersion);
        Assert.Equal("cpc_persona", target.GetReference("cpc_personaid")!.LogicalName);
        Assert.Equal(TimeSpan.FromHours(1), context.OperationCreatedOn!.Value.Offset);
        Assert.Equal("1234567", context.Image(post: true, "PostImage")!.RowVersion);
        Assert.Equal(["AsynchronousStepPrimaryName", "PostImage"], context.PostEntityImages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(WebhookPayloads.ContactId, context.OutputParameters["id"]);
    }

    [Fact]
    public void Read_Delete_TargetIsAReferenceAndThePreImageIsKept()
    {
        var context = WebhookContextReader.Read(WebhookPayloads.DeleteContact);

        Assert.Null(context.Target);
        Assert.IsType<EntityReference>(context.InputParameters["Target"]);
        Assert.Equal("contact", context.Image(post: false, "PreImage")!.LogicalName);
    }

    [Fact]
    public void Read_SizeExceededHeader_IsHonoured()
    {
        var context = WebhookContextReader.Read(WebhookPayloads.SizeExceededUpdate, new Dictionary<string, string> { ["X-MS-Dynamics-Msg-Size-Exceeded"] = "true" });

        Assert.True(context.IsSizeExceeded);
        Assert.Empty(context.InputParameters);
        Assert.Empty(context.PostEntityImages);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("<xml/>", "not JSON")]
    [InlineData("[1,2]", "JSON array; expected an object")]
    [InlineData("{\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\"}", "MessageName is missing")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"nope\"}", "PrimaryEntityId must be a GUID")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"InputParameters\":{}}", "InputParameters must be an array")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"InputParameters\":[{\"value\":1}]}", "InputParameters[0].key is missing")]
    [InlineData("{\"MessageName\":\"Update\",\"PrimaryEntityName\":\"contact\",\"PrimaryEntityId\":\"6d81597f-0f9f-e711-8122-000d3aa2331c\",\"Depth\":\"deep\"}", "Depth must be a whole number")]
    public void Read_BadBody_SaysWhatIsWrong(string body, string expected)
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => WebhookContextReader.Read(body));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnyString_NeverCrashes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), body => ReadsOrRejects(body ?? string.Empty)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Read_MutatedValidBodies_NeverCrash()
    {
        var bodies = new[] { Fixture.Text("dataverse-webhook/learn-sample-update-contact-async-postop.json"), WebhookPayloads.CreateContact(), WebhookPayloads.DeleteContact };
        var mutation =
            from body in Gen.Elements(bodies)
            from position in Gen.Choose(0, 10_000)
            from length in Gen.Choose(0, 40)
            from insert in Gen.Elements("", "{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "\"\\/Date(99999999999999999)\\/\"", "\"__type\":\"Money:x\"", "-", "\\u0000", "true")
            select Mutate(body, position, length, insert);

        Prop.ForAll(mutation.ToArbitrary(), ReadsOrRejects).QuickCheckThrowOnFailure();
    }

    private static string Mutate(string body, int position, int length, string insert)
    {
        var start = position % body.Length;
        var count = Math.Min(length, body.Length - start);
        return body.Remove(start, count).Insert(start, insert);
    }

    private static bool ReadsOrRejects(string body)
    {
        try
        {
            return WebhookContextReader.Read(body, ImmutableDictionary<string, string>.Empty) is not null;
        }
        catch (WebhookPayloadException)
        {
            return true;
        }
    }
}
