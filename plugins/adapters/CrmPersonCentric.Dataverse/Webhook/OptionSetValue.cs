namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>A choice value.</summary>
/// <param name="Value">The option's number.</param>
public sealed record OptionSetValue(int Value);
