using System.Text.Json.Nodes;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>What the Functions host sends a custom handler for a queue trigger.</summary>
internal static class HostInvocations
{
    /// <summary>The Functions host's invocation payload of a queue trigger carrying the text.</summary>
    public static string Queue(string queueText, int dequeueCount) => new JsonObject
    {
        ["Data"] = new JsonObject { ["inboxMessage"] = queueText },
        ["Metadata"] = new JsonObject { ["DequeueCount"] = dequeueCount, ["Id"] = Guid.NewGuid().ToString(), ["sys"] = new JsonObject { ["MethodName"] = "InboxProcessor" } },
    }.ToJsonString();
}
