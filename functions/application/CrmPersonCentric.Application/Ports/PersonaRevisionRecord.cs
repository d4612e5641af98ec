using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>A persona revision suggestion as stored, with the change it proposes.</summary>
/// <param name="Id">The revision id.</param>
/// <param name="Key">The suggestion's de-duplication key.</param>
/// <param name="PersonaId">The persona it revises.</param>
/// <param name="Type">What kind of change.</param>
/// <param name="Dimension">The trait dimension, when the change concerns one.</param>
/// <param name="Subject">The trait or behaviour concerned.</param>
/// <param name="ProposedValue">The proposed prevalence, share or rate.</param>
/// <param name="Details">Further proposed values, one per line.</param>
public sealed record PersonaRevisionRecord(Guid Id, string? Key, Guid? PersonaId, SuggestionType? Type, TraitDimension? Dimension, string? Subject, double? ProposedValue, ImmutableArray<string> Details);
