using System.Text.Json;

namespace CrmPersonCentric.Cli.Tests;

/// <summary>cpc sample --lake writes a Dataverse lake export; cpc evaluate --lake reads it, with clear errors when it cannot.</summary>
public sealed class LakeCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cpc-cli-lake-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("delta")]
    [InlineData("csv")]
    public void ASampleLakeExport_IsEvaluated_LikeTheDataDirectory(string layout)
    {
        var lake = Path.Combine(_root, "lake");
        var output = Path.Combine(_root, "out");

        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", layout, "--scale", "0.5").ExitCode);
        var (code, console, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", output, "--as-of", "2026-11-01");

        Assert.True(code == 0, error);
        Assert.Contains("Growth-Minded Sales Director", console, StringComparison.Ordinal);
        Assert.Contains("Maya Chen", console, StringComparison.Ordinal); // owner names from the export's systemuser table
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json")));
        Assert.Contains(findings.RootElement.EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "stale-traits" && f.GetProperty("subject").GetString() == "budget-cuts");
        // Row ids are Dataverse's: persona ids in the findings are GUIDs.
        Assert.All(findings.RootElement.EnumerateArray(), f => Assert.True(Guid.TryParse(f.GetProperty("personaId").GetString(), out _)));
    }

    [Fact]
    public void ALakeFolderWithoutAnExport_IsRefusedByName_AndNothingIsWritten()
    {
        var output = Path.Combine(_root, "out");
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var (code, _, error) = CliRun.Invoke("evaluate", "--lake", empty, "--out", output);
        var (neither, _, neitherError) = CliRun.Invoke("evaluate", "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("holds neither Delta tables", error, StringComparison.Ordinal);
        Assert.Equal(2, neither);
        Assert.Contains("Give --data", neitherError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ADamagedParquetFile_IsABadInputError_WithoutItsContents()
    {
        var lake = Path.Combine(_root, "lake");
        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", "delta", "--scale", "0.2").ExitCode);
        var file = Directory.GetFiles(Path.Combine(lake, "contact"), "*.parquet")[0];
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var (code, _, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out"), "--as-of", "2026-11-01");

        Assert.Equal(2, code);
        Assert.Contains("could not be read", error, StringComparison.Ordinal);

        // The kind is DuckDB's own ("Invalid Input", "IO"), not the catch-all of DuckDB.NET's exception.
        Assert.DoesNotContain("(Invalid)", error, StringComparison.Ordinal);
        var output = Path.Combine(_root, "out");
        Assert.True(!Directory.Exists(output) || Directory.GetFileSystemEntries(output, "*", SearchOption.AllDirectories).Length == 0);
    }

    [Fact]
    public void APersonaRowThatIsNoDefinition_IsLeftOutWithAWarningNamingItsRowAndColumn()
    {
        var lake = Path.Combine(_root, "lake");
        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", "delta", "--scale", "0.2").ExitCode);
        // One persona row loses its reached messaging layer, as a hand-edited or half-migrated row might.
        var file = Directory.GetFiles(Path.Combine(lake, "cpc_persona"), "*.parquet").Single();
        var edited = file + ".edited";
        using (var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"copy (select * replace (case when \"Id\" = (select min(\"Id\") from read_parquet('{file}')) then null else cpc_reachedlayer end as cpc_reachedlayer) from read_parquet('{file}')) to '{edited}' (format parquet)";
            command.ExecuteNonQuery();
        }

        File.Move(edited, file, overwrite: true);

        var (code, console, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out"), "--as-of", "2026-11-01");

        Assert.Equal(0, code);
        Assert.Contains("warning: 1 persona row of the lake export left out", error, StringComparison.Ordinal);
        Assert.Contains("cpc_reachedlayer is required", error, StringComparison.Ordinal);
        Assert.Contains("Persona drift", console, StringComparison.Ordinal);
    }
}
