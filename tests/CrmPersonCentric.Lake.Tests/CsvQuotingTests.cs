using CrmPersonCentric.Import;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// The CSV layout as Synapse Link writes text a person typed: a value with a comma, a line break or a quote is quoted,
/// quotes doubled (RFC 4180). Such a row is one contact, its other values in their columns.
/// </summary>
public sealed class CsvQuotingTests
{
    [Fact]
    public async Task AQuotedValueWithACommaALineBreakAndQuotes_IsOneValueOfOneRow()
    {
        using var temp = new TempDirectory("cpc-lake-csv");
        var folder = temp.Path;
        var data = OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind"));
        LakeExportWriter.Write(folder, LakeLayout.Csv, data.Personas, data.Profiles, data.Signals);
        async Task<(int Count, int Problems)> ReadAsync()
        {
            using var lake = DataverseLake.Open(folder);
            var source = new LakeSource(lake, new TraitNormalizer(data.Taxonomy, TraitLimits.Default));
            var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
            var population = await source.ReadAsync(personas, data.ExportedOn!.Value, themes: data.Themes, cancellationToken: TestContext.Current.CancellationToken);
            return (population.Count, source.TextsWithProblems);
        }

        var before = await ReadAsync();

        // Columns of the contact files: Id, contactid, cpc_personaid, parentcustomerid, cpc_aspirations, …
        var file = Directory.GetFiles(Path.Combine(folder, "contact"), "*.csv")[0];
        var lines = File.ReadAllLines(file);
        var at = Array.FindIndex(lines, l => l.Split(',') is var c && c[2].Length > 0 && c[4].Length > 0 && !c[4].Contains('"', StringComparison.Ordinal));
        var fields = lines[at].Split(',');
        fields[4] = "\"" + fields[4] + "; Grow the team, fast\nand \"\"well\"\"\"";
        lines[at] = string.Join(',', fields);
        File.WriteAllLines(file, lines);

        var after = await ReadAsync();

        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.Problems, after.Problems);
    }
}
