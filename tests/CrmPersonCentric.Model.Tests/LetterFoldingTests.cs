namespace CrmPersonCentric.Model.Tests;

public sealed class LetterFoldingTests
{
    [Theory]
    [InlineData("customerSuccess", SignalSource.CustomerSuccess)]
    [InlineData("Customer Success", SignalSource.CustomerSuccess)]
    [InlineData("customer-success", SignalSource.CustomerSuccess)]
    [InlineData("CUSTOMER_SUCCESS", SignalSource.CustomerSuccess)]
    [InlineData(" events ", SignalSource.Events)]
    public void SignalSource_AsExportsSpellIt_IsParsed(string text, SignalSource expected)
    {
        Assert.True(SignalSources.TryParse(text, out var source));
        Assert.Equal(expected, source);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-")]
    [InlineData("web")]
    [InlineData("marketing, sales")]
    public void SignalSource_NotAName_IsRefused(string text) => Assert.False(SignalSources.TryParse(text, out _));

    [Fact]
    public void SignalSource_LongerThanTheStackBuffer_IsParsedAll()
    {
        var text = "customer" + new string('-', 100) + "success";

        Assert.True(SignalSources.TryParse(text, out var source));
        Assert.Equal(SignalSource.CustomerSuccess, source);
    }

    [Theory]
    [InlineData("peerReferral", TrustModes.PeerReferral)]
    [InlineData("peer-referral", TrustModes.PeerReferral)]
    [InlineData("Sales led", TrustModes.SalesLed)]
    public void TrustChannel_AsFilesWriteIt_IsParsed(string text, TrustModes expected)
    {
        Assert.True(TrustExpectation.TryParse(text, out var channel));
        Assert.Equal(expected, channel);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("1")]
    [InlineData("peerReferral, community")]
    public void TrustChannel_NotOneChannel_IsRefused(string text) => Assert.False(TrustExpectation.TryParse(text, out _));
}
