using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Reports;

/// <summary>The summary file of a run.</summary>
/// <param name="Organisation">The organisation's name.</param>
/// <param name="AsOf">The date the windows end on.</param>
/// <param name="TestsRun">Hypothesis tests under the false-discovery-rate control.</param>
/// <param name="SuppressedSuggestions">Suggestions not made because an equivalent one was rejected recently.</param>
/// <param name="Rules">Ids of the enabled rules.</param>
/// <param name="Personas">Per-persona figures.</param>
public sealed record RunSummary(string Organisation, DateTimeOffset AsOf, int TestsRun, int SuppressedSuggestions, ImmutableArray<string> Rules, ImmutableArray<PersonaSummary> Personas);
