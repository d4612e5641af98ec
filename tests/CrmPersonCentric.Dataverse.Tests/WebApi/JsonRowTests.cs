using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class JsonRowTests
{
    [Fact]
    public void FormattedValuesFixture_ReadsTypedValuesLookupsAndAnnotations()
    {
        var page = JsonNode.Parse(Fixture.Text("dataverse-webapi/accounts-formatted-values.json"))!;
        var sut = new JsonRow(page["value"]![0]!.AsObject());

        Assert.Equal("Litware, Inc. (sample)", sut.GetString("name"));
        Assert.Equal(20000m, sut.GetDecimal("revenue"));
        Assert.Equal("$20,000.00", sut.GetFormatted("revenue"));
        Assert.Equal(1, sut.GetOption("customertypecode"));
        Assert.Equal("Competitor", sut.GetFormatted("customertypecode"));
        Assert.Equal(Guid.Parse("70bf4d48-34cb-ed11-b596-0022481d68cd"), sut.GetLookupId("primarycontactid"));
        Assert.Equal("Susanna Stubberod (sample)", sut.GetFormatted("primarycontactid"));
        Assert.Equal(new DateTimeOffset(2023, 4, 7, 21, 59, 1, TimeSpan.Zero), sut.GetDate("modifiedon"));
        Assert.Equal("W/\"81359849\"", sut.ETag);
        Assert.True(sut.Has("primarycontactid"));
        Assert.Null(sut.GetString("missing"));
    }
}
