namespace CrmPersonCentric.Drift.Population;

/// <summary>One signal of a <see cref="BehaviourSummary"/>.</summary>
/// <param name="Slot">The behaviour slot.</param>
/// <param name="OccurredOn">When it happened (whole seconds).</param>
/// <param name="Source">The recording function (a <see cref="Model.SignalSource"/> value), or <see cref="BehaviourSummary.None"/>.</param>
/// <param name="Theme">The index of its theme in the summary, or <see cref="BehaviourSummary.None"/>.</param>
public readonly record struct SummaryEntry(int Slot, DateTimeOffset OccurredOn, byte Source, byte Theme);
