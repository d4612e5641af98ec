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
    public void ADeltaTableWithADeletionVector_IsReadWithoutItsRows_AndTheConsoleSaysSo_AndAnUnknownFeatureIsExit2()
    {
        var lake = Path.Combine(_root, "lake");
        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", "delta", "--scale", "0.5").ExitCode);
        var log = Path.Combine(lake, "contact", "_delta_log");
        var file = Path.GetFileName(Directory.GetFiles(Path.Combine(lake, "contact"), "*.parquet").Order(StringComparer.Ordinal).First());
        // The protocol's inline example vector: rows 3, 4, 7, 11, 18 and 29 of the file deleted.
        File.WriteAllLines(Path.Combine(log, "00000000000000000001.json"),
        [
            """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors"]}}""",
            "{\"add\":{\"path\":\"" + file + "\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true,\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L\",\"sizeInBytes\":40,\"cardinality\":6}}}",
            "{\"remove\":{\"path\":\"" + file + "\",\"dataChange\":true}}",
        ]);

        var (code, console, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out"), "--as-of", "2026-11-01");

        Assert.True(code == 0, error);
        Assert.Contains("Read as the export's Delta log asks: contact: 6 rows left out by deletion vectors (1 of 1 files).", console.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        File.WriteAllLines(Path.Combine(log, "00000000000000000002.json"), ["""{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["variantType"],"writerFeatures":["variantType"]}}"""]);
        var (refused, _, refusal) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out2"), "--as-of", "2026-11-01");

        Assert.Equal(2, refused);
        Assert.Contains("The Delta table 'contact' needs reader features this reader does not implement: variantType", refusal, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", refusal, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out2")));
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

    [Fact]
    public void AnAccountHeldTwiceWithoutVersions_IsWarnedAbout_WithoutItsValues()
    {
        var lake = Path.Combine(_root, "lake");
        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", "csv", "--scale", "0.2").ExitCode);

        // The account table as an export without version columns holds it; one tagged contact's account twice.
        var modelPath = Path.Combine(lake, "model.json");
        var model = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(modelPath))!;
        var attributes = model["entities"]!.AsArray().Single(e => (string?)e!["name"] == "account")!["attributes"]!.AsArray();
        foreach (var name in new[] { "versionnumber", "SinkModifiedOn", "IsDelete" })
        {
            attributes.Remove(attributes.Single(a => (string?)a!["name"] == name));
        }

        File.WriteAllText(modelPath, model.ToJsonString());
        var accounts = Directory.GetFiles(Path.Combine(lake, "account"), "*.csv").Single();
        var lines = File.ReadAllLines(accounts).Select(l => string.Join(',', l.Split(',')[..^3])).ToList();
        var contact = File.ReadLines(Directory.GetFiles(Path.Combine(lake, "contact"), "*.csv")[0]).Select(l => l.Split(',')).First(c => c[2].Length > 0);
        var twin = lines.Single(l => l.Split(',')[0] == contact[3]).Split(',');
        twin[4] = "secret-region";
        File.WriteAllLines(accounts, [.. lines, string.Join(',', twin)]);

        var (code, _, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out"), "--as-of", "2026-11-01");

        Assert.True(code == 0, error);
        Assert.Contains("warning: 1 contact row of the lake export left out", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain(contact[0], error, StringComparison.Ordinal);
    }

    [Fact]
    public void ATraitTextWithAnItemTooLong_IsEvaluatedWithoutIt_AndWarnedAboutWithoutTheText()
    {
        var lake = Path.Combine(_root, "lake");
        Assert.Equal(0, CliRun.Invoke("sample", "--out", lake, "--lake", "csv", "--scale", "0.2").ExitCode);

        // One tagged contact's aspirations get an item of 150 characters (a trait holds at most 100).
        var contactId = LakeCsvEdits.AddLongAspiration(lake);

        var (code, _, error) = CliRun.Invoke("evaluate", "--lake", lake, "--out", Path.Combine(_root, "out"), "--as-of", "2026-11-01");

        Assert.True(code == 0, error);
        Assert.Contains("warning: 1 distinct trait text of the lake export had parts left out (an item longer than 100 characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain("qqqq", error, StringComparison.Ordinal);
        Assert.DoesNotContain(contactId, error, StringComparison.Ordinal);
    }
}
