using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class ODataLiteralTests
{
    [Fact]
    public void Filter_QuotesAndEscapesStrings()
    {
        var name = "O'Brien";

        Assert.Equal("lastname eq 'O''Brien'", ODataLiteral.Filter($"lastname eq {name}"));
    }

    [Fact]
    public void Filter_InjectionAttempt_StaysOneLiteral()
    {
        var trait = "x' or contactid ne null or 'a";

        Assert.Equal("cpc_corefears eq 'x'' or contactid ne null or ''a'", ODataLiteral.Filter($"cpc_corefears eq {trait}"));
    }

    [Fact]
    public void Format_OtherTypes()
    {
        var id = Guid.Parse("49b0be2e-d01c-ed11-b83e-000d3a572421");

        Assert.Equal("49b0be2e-d01c-ed11-b83e-000d3a572421", ODataLiteral.Format(id));
        Assert.Equal("null", ODataLiteral.Format(null));
        Assert.Equal("true", ODataLiteral.Format(true));
        Assert.Equal("0.25", ODataLiteral.Format(0.25));
        Assert.Equal("2026-11-01T07:00:00Z", ODataLiteral.Format(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-7))));
        Assert.Throws<ArgumentException>(() => ODataLiteral.Format(new object()));
    }
}
