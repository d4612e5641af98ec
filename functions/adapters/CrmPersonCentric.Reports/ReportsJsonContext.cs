using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

using CrmPersonCentric.Application.History;

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
[JsonSerializable(typeof(ImmutableArray<EnrichmentWorklist>))]
[JsonSerializable(typeof(ImmutableArray<PersonaAdvocates>))]
public sealed partial class ReportsJsonContext : JsonSerializerContext;
