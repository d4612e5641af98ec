namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// DuckDB reads file lists as glob patterns: a lake folder whose name holds a pattern's characters (a mounted share named
/// "dataverse-org[prod]") is still read as the folder it is.
/// </summary>
public sealed class LakeFolderNameTests
{
    [Theory]
    [InlineData("lake[1]")]
    [InlineData("lake*x")]
    [InlineData("lake?x")]
    [InlineData("lake x")]
    public async Task AFolderNamedWithGlobCharacters_IsReadAsItIs(string name)
    {
        using var root = new TempDirectory("cpc-glob");
        var folder = root.File(name);
        var data = CrmPersonCentric.Import.OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind"));
        LakeExportWriter.Write(folder, LakeLayout.Delta, data.Personas, data.Profiles, data.Signals);

        // With a deletion vector on the contacts' file: the rows it marks are matched by the file's name too.
        var contacts = Path.Combine(folder, "contact");
        var file = Path.GetFileName(Directory.GetFiles(contacts, "*.parquet").Order(StringComparer.Ordinal).First());
        File.WriteAllLines(Path.Combine(contacts, "_delta_log", "00000000000000000001.json"),
        [
            "{\"add\":{\"path\":\"" + Uri.EscapeDataString(file) + "\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true,\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L\",\"sizeInBytes\":40,\"cardinality\":6}}}",
            "{\"remove\":{\"path\":\"" + Uri.EscapeDataString(file) + "\",\"dataChange\":true}}",
        ]);
        using var lake = DataverseLake.Open(folder);
        var source = new LakeSource(lake, new CrmPersonCentric.Model.Taxonomy.TraitNormalizer(data.Taxonomy, CrmPersonCentric.Model.Taxonomy.TraitLimits.Default));
        var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
        var population = await source.ReadAsync(personas, data.ExportedOn!.Value, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(population.Count > 0);
        Assert.Contains(lake.Applied, note => note.StartsWith("contact: 6 rows left out by deletion vectors", StringComparison.Ordinal));
    }
}
