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
        var root = Directory.CreateTempSubdirectory("cpc-glob-").FullName;
        var folder = Path.Combine(root, name);
        try
        {
            var data = CrmPersonCentric.Import.OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind"));
            LakeExportWriter.Write(folder, LakeLayout.Delta, data.Personas, data.Profiles, data.Signals);
            using var lake = DataverseLake.Open(folder);
            var source = new LakeSource(lake, new CrmPersonCentric.Model.Taxonomy.TraitNormalizer(data.Taxonomy, CrmPersonCentric.Model.Taxonomy.TraitLimits.Default));
            var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
            var population = await source.ReadAsync(personas, data.ExportedOn!.Value, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(population.Count > 0);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
