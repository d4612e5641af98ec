using System.Text.Json;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage.Tests;

public sealed class InboxEnvelopeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OneDelivery_RoundTrips()
    {
        var message = new InboxMessage("a1", At, true, "{\"MessageName\":\"Update\"}", null);

        Assert.Equal(message, Assert.Single(InboxStore.Parse(InboxStore.Serialize(message))));
    }

    [Fact]
    public void Batch_IsReadInOrder()
    {
        var text = "{\"deliveries\":[" + InboxStore.Serialize(new InboxMessage("a", At, false, "{}", null)) + "," + InboxStore.Serialize(new InboxMessage("b", At, false, null, "b.json")) + "]}";

        Assert.Equal(["a", "b"], InboxStore.Parse(text).Select(m => m.Id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{\"deliveries\":[]}")]
    [InlineData("[1,2]")]
    public void NotAnInboxMessage_Throws(string text)
    {
        Assert.ThrowsAny<JsonException>(() => InboxStore.Parse(text));
    }

    [Fact]
    public void NonAsciiBodies_AreNotEscaped_SoTheyFitTheQueueMessage()
    {
        var text = InboxStore.Serialize(new InboxMessage("a", At, false, "«Kündigung» \"quoted\"", null));

        Assert.Contains("«Kündigung»", text, StringComparison.Ordinal);
    }
}
