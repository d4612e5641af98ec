using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// The shipped sample written as Dataverse exports it to a lake (both layouts, with an append-only history of older
/// versions and deletes) and evaluated from there: the same findings as from the data directory.
/// </summary>
public sealed class LakeEvaluationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cpc-lake-").FullName;

    private static readonly Lazy<OrgData> Sample = new(() => OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind")));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<(string, string, string?, string?, FindingStatus, long, double)> Shape(DriftEvaluation evaluation, IEnumerable<(string Id, string Name)> personas)
    {
        var names = personas.ToDictionary(p => p.Id, p => p.Name);
        return evaluation.Findings
            // Two figures are calibrated by draws seeded from the persona's id (a GUID in the lake, a slug in the data
            // directory), and the split is measured on a stride sample in the population's order (the lake's rows come in
            // id order): those differ in the third decimal, their verdicts do not.
            .Select(f => (names[f.PersonaId], f.RuleId, f.Dimension?.ToString(), f.Subject, f.Status, f.Evidence.N,
                f.Metric is Drift.Rules.DriftMetric.PersonaSplit or Drift.Rules.DriftMetric.DistributionDistance ? 0 : Math.Round(f.Evidence.Observed, 6)))
            .Order();
    }

    [Theory]
    [InlineData(LakeLayout.Delta)]
    [InlineData(LakeLayout.Csv)]
    public async Task TheSampleFromALakeExport_GivesTheFindingsOfTheDataDirectory(LakeLayout layout)
    {
        var data = Sample.Value;
        var asOf = data.ExportedOn!.Value;
        LakeExportWriter.Write(_folder, layout, data.Personas, data.Profiles, data.Signals, history: true, rowsPerFile: 1_000);
        var expected = new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, asOf, data.Themes), data.Rules);

        using var lake = DataverseLake.Open(_folder);
        var source = new LakeSource(lake, new TraitNormalizer(data.Taxonomy, TraitLimits.Default));
        var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
        var population = await source.ReadAsync(personas, asOf, themes: data.Themes, cancellationToken: TestContext.Current.CancellationToken);
        var actual = new DriftEngine().Evaluate(population, data.Rules);

        Assert.True(data.Personas.Length == personas.Length, $"{personas.Length} personas, {source.InvalidPersonas} invalid: {string.Join("; ", source.PersonaProblems)}");
        Assert.All(personas, p => Assert.Contains(data.Personas, d => d.Name == p.Name && d.Owner.DisplayName == p.Owner.DisplayName));
        Assert.Equal(0, source.InvalidPersonas);
        Assert.Equal(data.Profiles.Count(p => p.PersonaId is not null), population.Count);
        Assert.Equal(
            Shape(expected, data.Personas.Select(p => (p.Id, p.Name))),
            Shape(actual, personas.Select(p => (p.Id, p.Name))));
    }

    [Fact]
    public async Task TheBackendsLakeSource_ReadsTheExportNamedBySettings_WithTheOrganisationsTaxonomy()
    {
        var data = Sample.Value;
        var asOf = data.ExportedOn!.Value;
        LakeExportWriter.Write(_folder, LakeLayout.Delta, data.Personas, data.Profiles, data.Signals, history: true, rowsPerFile: 1_000);
        var normalizer = new TraitNormalizer(data.Taxonomy, TraitLimits.Default);
        ImmutableArray<Model.Persona> personas;
        using (var lake = DataverseLake.Open(_folder))
        {
            personas = await new LakeSource(lake, normalizer).ActivePersonasAsync(TestContext.Current.CancellationToken);
        }

        var source = new LakePopulationSource(Options.Create(new LakeOptions { Path = _folder }), new FixedTaxonomySource(normalizer));
        var progress = new List<double>();
        var population = await source.ReadAsync(personas, asOf, new SynchronousProgress<double>(progress.Add), data.Themes, TestContext.Current.CancellationToken);
        var actual = new DriftEngine().Evaluate(population, data.Rules);
        var expected = new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, asOf, data.Themes), data.Rules);

        Assert.Equal(data.Profiles.Count(p => p.PersonaId is not null), population.Count);
        Assert.Equal(1, progress[^1]);
        Assert.Equal(
            Shape(expected, data.Personas.Select(p => (p.Id, p.Name))),
            Shape(actual, personas.Select(p => (p.Id, p.Name))));

        // A damaged file: the error names its kind, never DuckDB's message (which can quote a value).
        var part = Directory.EnumerateFiles(Path.Combine(_folder, "contact"), "*.parquet").First();
        File.WriteAllBytes(part, File.ReadAllBytes(part)[..100]);
        var damaged = await Assert.ThrowsAsync<LakeException>(() => source.ReadAsync(personas, asOf, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(damaged.InnerException);
        Assert.Contains("could not be read", damaged.Message, StringComparison.Ordinal);

        var unset = new LakePopulationSource(Options.Create(new LakeOptions()), new FixedTaxonomySource(normalizer));
        var error = await Assert.ThrowsAsync<LakeException>(() => unset.ReadAsync(personas, asOf, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Lake:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelledRead_EndsAsCancelled_AndTheConnectionStaysUsable()
    {
        var data = Sample.Value;
        LakeExportWriter.Write(_folder, LakeLayout.Delta, data.Personas, data.Profiles, data.Signals);
        using var lake = DataverseLake.Open(_folder);
        var source = new LakeSource(lake, new TraitNormalizer(data.Taxonomy, TraitLimits.Default));
        var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);

        // Cancelled once the contacts are in (between two queries: DuckDB forgets that interrupt, the check before the
        // signals' query sees the token): the read ends as cancelled, never as a lake error. An interrupt landing inside
        // one of the read's own queries depends on timing; checked by hand (docs/lake.md).
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAt(0.5, cancellation);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ReadAsync(personas, data.ExportedOn!.Value, progress, data.Themes, cancellation.Token));

        // A query in flight is stopped by DuckDB's interrupt (what the read registers on its token) and reported as such
        // (10^10 rows: seconds if the interrupt were lost, so the test then fails instead of waiting).
        var interrupted = Task.Run(() =>
        {
            using var rows = ChunkReader.Open(lake.Connection, "select sum(a.range * b.range) from range(10000000) a, range(1000) b", streaming: true, [DuckDB.NET.Native.DuckDBType.HugeInt]);
            while (rows.Next())
            {
            }
        }, TestContext.Current.CancellationToken);
        // (An interrupt that arrives before the query has started is not kept by DuckDB: sent until the query ends.)
        for (var i = 0; i < 600 && !interrupted.IsCompleted; i++)
        {
            lake.Connection.NativeConnection.Interrupt();
            await Task.WhenAny(interrupted, Task.Delay(100, TestContext.Current.CancellationToken));
        }

        var error = await Assert.ThrowsAsync<LakeException>(() => interrupted);
        Assert.Contains("INTERRUPT", error.Message, StringComparison.OrdinalIgnoreCase);

        // And the next read on the same connection is whole.
        var population = await source.ReadAsync(personas, data.ExportedOn!.Value, themes: data.Themes, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(data.Profiles.Count(p => p.PersonaId is not null), population.Count);
    }

    [Fact]
    public async Task TheBackendsLakeSource_LogsTheCountOfTextsWithPartsLeftOut_NeverTheText()
    {
        var data = Sample.Value;
        LakeExportWriter.Write(_folder, LakeLayout.Csv, data.Personas, data.Profiles, data.Signals);
        var normalizer = new TraitNormalizer(data.Taxonomy, TraitLimits.Default);
        var logger = new Captured();
        var source = new LakePopulationSource(Options.Create(new LakeOptions { Path = _folder }), new FixedTaxonomySource(normalizer), logger);
        ImmutableArray<Model.Persona> personas;
        using (var lake = DataverseLake.Open(_folder))
        {
            personas = await new LakeSource(lake, normalizer).ActivePersonasAsync(TestContext.Current.CancellationToken);
        }

        await source.ReadAsync(personas, data.ExportedOn!.Value, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(logger.Lines);

        // One tagged contact's aspirations get an item of 150 characters (a trait holds at most 100).
        var contactId = LakeCsvEdits.AddLongAspiration(_folder);

        var population = await source.ReadAsync(personas, data.ExportedOn!.Value, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(data.Profiles.Count(p => p.PersonaId is not null), population.Count);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("0 contact rows left out", line, StringComparison.Ordinal);
        Assert.Contains("1 distinct trait texts with parts left out", line, StringComparison.Ordinal);
        Assert.DoesNotContain("qqqq", line, StringComparison.Ordinal);
        Assert.DoesNotContain(contactId, line, StringComparison.Ordinal);
    }

    /// <summary>Keeps what is logged, formatted.</summary>
    private sealed class Captured : Microsoft.Extensions.Logging.ILogger<LakePopulationSource>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }

    /// <summary>Cancels when the reported progress reaches a value (reported synchronously, on the reading thread).</summary>
    private sealed class CancelAt(double at, CancellationTokenSource cancellation) : IProgress<double>
    {
        public void Report(double value)
        {
            if (value >= at)
            {
                cancellation.Cancel();
            }
        }
    }

    /// <summary>The export in the test's folder read and evaluated: the population's size, the rows left out as duplicates, the findings' shape.</summary>
    private async Task<(int Count, int Duplicates, IEnumerable<(string, string, string?, string?, FindingStatus, long, double)> Shape)> ReadAsync(OrgData data)
    {
        using var lake = DataverseLake.Open(_folder);
        var source = new LakeSource(lake, new TraitNormalizer(data.Taxonomy, TraitLimits.Default));
        var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
        var population = await source.ReadAsync(personas, data.ExportedOn!.Value, themes: data.Themes, cancellationToken: TestContext.Current.CancellationToken);
        return (population.Count, source.DuplicateContacts, [.. Shape(new DriftEngine().Evaluate(population, data.Rules), personas.Select(p => (p.Id, p.Name)))]);
    }

    [Fact]
    public async Task VersionsThatTie_AreReadTheSameWayEveryTime_AndAContactIsAddedOnce()
    {
        var data = Sample.Value;
        LakeExportWriter.Write(_folder, LakeLayout.Csv, data.Personas, data.Profiles, data.Signals);

        var before = await ReadAsync(data);

        // A second version of a tagged contact and of an account with the same version number and sink time as the first
        // (an append-only export written twice in one second), their values changed: each table's rule must pick one of
        // the two, the same one in every read, and the contact must be added once.
        static void Twin(string file, int column, string value)
        {
            var first = File.ReadLines(file).First().Split(',');
            first[column] = value;
            File.AppendAllText(file, string.Join(',', first) + "\n");
        }

        Twin(Directory.EnumerateFiles(Path.Combine(_folder, "contact"), "*.csv").First(), 4, "zz-a-later-aspiration");
        Twin(Directory.EnumerateFiles(Path.Combine(_folder, "account"), "*.csv").First(), 4, "zz-another-region");
        var first = await ReadAsync(data);
        var second = await ReadAsync(data);

        Assert.Equal(before.Count, first.Count);
        Assert.Equal(0, first.Duplicates);
        Assert.Equal(first.Shape, second.Shape);

        // Ties go to the smaller values, here the original rows: the evaluation is the export's before the twins.
        Assert.Equal(before.Shape, first.Shape);
    }

    [Fact]
    public async Task AnAccountHeldTwiceWithoutVersions_AddsItsContactOnce()
    {
        var data = Sample.Value;
        LakeExportWriter.Write(_folder, LakeLayout.Csv, data.Personas, data.Profiles, data.Signals);

        // The account table as an export without version columns holds it (nothing tells two rows of one id apart).
        var model = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "model.json")))!;
        var attributes = model["entities"]!.AsArray().Single(e => (string?)e!["name"] == "account")!["attributes"]!.AsArray();
        foreach (var name in new[] { "versionnumber", "SinkModifiedOn", "IsDelete" })
        {
            attributes.Remove(attributes.Single(a => (string?)a!["name"] == name));
        }

        File.WriteAllText(Path.Combine(_folder, "model.json"), model.ToJsonString());
        var file = Directory.EnumerateFiles(Path.Combine(_folder, "account"), "*.csv").Single();
        var lines = File.ReadAllLines(file).Select(l => string.Join(',', l.Split(',')[..^3])).ToList();
        File.WriteAllLines(file, lines);
        var before = await ReadAsync(data);

        // The first contact's account a second time, another region: the contact must come once, the same account each time.
        var contact = File.ReadLines(Directory.EnumerateFiles(Path.Combine(_folder, "contact"), "*.csv").First()).First().Split(',');
        var twin = lines.Single(l => l.Split(',')[0] == contact[3]).Split(',');
        twin[4] = "zz-another-region";
        File.AppendAllLines(file, [string.Join(',', twin)]);
        var first = await ReadAsync(data);
        var second = await ReadAsync(data);

        Assert.Equal(0, before.Duplicates);
        Assert.Equal(before.Count, first.Count);
        Assert.Equal(1, first.Duplicates);
        Assert.Equal(first.Shape, second.Shape);
        Assert.Equal(before.Shape, first.Shape);
    }
}
