namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>What a function's answer looks like on the wire.</summary>
public sealed record HttpAnswer(int Status, string? ContentType, string Body, string RetryAfter);
