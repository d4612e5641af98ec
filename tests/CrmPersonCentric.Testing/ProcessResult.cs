namespace CrmPersonCentric.Testing;

/// <summary>How an external program ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);
