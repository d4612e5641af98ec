using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>A behaviour signal row read as a signal, or the problems that keep it from being one.</summary>
/// <param name="Signal">The signal, when the row is complete.</param>
/// <param name="Problems">What is missing or invalid, named by column.</param>
public sealed record SignalReading(BehaviourSignal? Signal, ImmutableArray<ValidationError> Problems);
