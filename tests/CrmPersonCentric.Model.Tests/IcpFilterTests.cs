namespace CrmPersonCentric.Model.Tests;

public sealed class IcpFilterTests
{
    private readonly IcpFilter _sut = new(["manufacturing", "retail"], 200, 5000, ["emea"]);

    [Theory]
    [InlineData("manufacturing", 200, "emea", true)]
    [InlineData("Retail", 5000, "EMEA", true)]
    [InlineData("software", 1000, "emea", false)]
    [InlineData("retail", 199, "emea", false)]
    [InlineData("retail", 5001, "emea", false)]
    [InlineData("retail", 1000, "apac", false)]
    [InlineData(null, null, null, true)]
    public void Matches_ChecksEveryKnownAttribute(string? industry, int? employees, string? region, bool expected)
    {
        Assert.Equal(expected, _sut.Matches(new AccountProfile(industry, employees, region)));
    }

    [Fact]
    public void Any_MatchesEverything()
    {
        Assert.True(IcpFilter.Any.Matches(new AccountProfile("x", 1, "y")));
    }
}
