namespace CrmPersonCentric.Testing;

/// <summary>
/// Messages for a missing prerequisite. A fixture that cannot find one fails with the command that installs it; it never
/// skips, so a run without the prerequisite cannot pass.
/// </summary>
public static class Prerequisites
{
    /// <summary>The command that installs everything the full suite needs and runs it.</summary>
    public const string FullTestCommand = "./build.sh test";

    /// <summary>Fails because <paramref name="what"/> is missing.</summary>
    public static InvalidOperationException Missing(string what, string installCommand) =>
        new($"{what} is missing: run `{installCommand}` in the repository root ({FullTestCommand} installs it and runs every test).");
}
