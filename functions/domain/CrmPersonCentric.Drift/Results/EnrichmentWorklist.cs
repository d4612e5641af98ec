using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>A persona's enrichment worklist: whom sales users should ask about what, most useful first (ids only).</summary>
/// <param name="PersonaId">The persona.</param>
/// <param name="Contacts">Ranked contacts, at most the run's worklist size.</param>
/// <param name="Candidates">How many tagged contacts miss at least one dimension the persona declares.</param>
public sealed record EnrichmentWorklist(string PersonaId, ImmutableArray<EnrichmentCandidate> Contacts, long Candidates);
