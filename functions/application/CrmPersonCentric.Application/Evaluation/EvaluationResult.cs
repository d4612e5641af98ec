using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Evaluation;

/// <summary>The outcome of an evaluation run.</summary>
/// <param name="Outcome">completed, or skipped when another run holds the lease.</param>
/// <param name="Personas">The personas evaluated.</param>
/// <param name="Evaluation">The engine's result (null when skipped).</param>
/// <param name="Written">What was written to Dataverse (null for read-only runs).</param>
/// <param name="Contacts">Tagged contacts evaluated.</param>
/// <param name="Duration">From the start of the run to the findings (and their writing, when it wrote).</param>
public sealed record EvaluationResult(string Outcome, ImmutableArray<Persona> Personas, DriftEvaluation? Evaluation, DriftWriteResult? Written, int Contacts, TimeSpan Duration = default);
