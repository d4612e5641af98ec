using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>The persona's journey across functions: who touches its people, and how many meet only one function.</summary>
/// <param name="WindowDays">Days back the journey is counted.</param>
/// <param name="Touched">People with a signal from at least one known function.</param>
/// <param name="SingleFunction">People touched by exactly one function.</param>
/// <param name="SingleFunctionShare">Their share of the people touched (0 when none).</param>
/// <param name="Functions">Per function, in a stable order.</param>
/// <param name="SignalsWithoutSource">Signals in the window that did not say which function recorded them.</param>
public sealed record JourneySummary(int WindowDays, long Touched, long SingleFunction, double SingleFunctionShare, ImmutableArray<FunctionShare> Functions, long SignalsWithoutSource);
