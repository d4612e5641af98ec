namespace CrmPersonCentric.Dataverse.Tests;

/// <summary>Reads the documented payloads copied from ../shared/fixtures.</summary>
internal static class Fixture
{
    public const string Org = "https://contoso.crm.dynamics.com";

    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>The file's text with the "[Organization URI]" placeholder replaced by the test environment.</summary>
    public static string Text(string relative) => File.ReadAllText(Path(relative)).Replace("[Organization URI]", Org, StringComparison.Ordinal);
}
