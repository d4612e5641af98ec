namespace CrmPersonCentric.Model.Depth;

/// <summary>One way a persona is too thin to act on, and what to do about it.</summary>
/// <param name="Code">Stable code ("no-core-fears", "generic-traits"...).</param>
/// <param name="Message">What is missing, in words (no personal data).</param>
/// <param name="Action">What to do.</param>
public sealed record DepthIssue(string Code, string Message, string Action);
