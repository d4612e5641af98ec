using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Reports;

/// <summary>
/// Source-generated JSON metadata of every file and column the evaluation writes: the CLI's output files and the
/// Functions app's trend points and evidence columns. Settings: camelCase, indented, nulls omitted, NaN allowed.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ImmutableArray<Finding>))]
[JsonSerializable(typeof(ImmutableArray<RevisionSuggestion>))]
[JsonSerializable(typeof(ImmutableArray<TrendPoint>))]
[JsonSerializable(typeof(ImmutableArray<DriftRule>))]
[JsonSerializable(typeof(TrendPoint))]
[JsonSerializable(typeof(Evidence))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(SuggestionEvidence))]
public sealed partial class ReportsJsonContext : JsonSerializerContext;

/// <summary>The summary file of a run.</summary>
/// <param name="Organisation">The organisation's name.</param>
/// <param name="AsOf">The date the windows end on.</param>
/// <param name="TestsRun">Hypothesis tests under the false-discovery-rate control.</param>
/// <param name="SuppressedSuggestions">Suggestions not made because an equivalent one was rejected recently.</param>
/// <param name="Rules">Ids of the enabled rules.</param>
/// <param name="Personas">Per-persona figures.</param>
public sealed record RunSummary(string Organisation, DateTimeOffset AsOf, int TestsRun, int SuppressedSuggestions, ImmutableArray<string> Rules, ImmutableArray<PersonaSummary> Personas);

/// <summary>The evidence stored with a suggestion: the findings behind it and, for a split, the groups.</summary>
/// <param name="Findings">Ids of the supporting findings.</param>
/// <param name="Groups">The groups of a split.</param>
public sealed record SuggestionEvidence(ImmutableArray<string> Findings, ImmutableArray<SplitGroup> Groups);
