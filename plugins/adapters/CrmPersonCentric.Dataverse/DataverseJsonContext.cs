using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Dataverse;

/// <summary>
/// Source-generated JSON of the evidence columns written to Dataverse (cpc_evidence of findings and revisions): the
/// same settings as the evaluation's output files (camelCase, nulls omitted, NaN allowed), so both read alike.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Evidence))]
[JsonSerializable(typeof(SuggestionEvidence))]
public sealed partial class DataverseJsonContext : JsonSerializerContext;
