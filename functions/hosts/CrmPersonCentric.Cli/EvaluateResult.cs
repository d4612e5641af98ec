using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Import;

namespace CrmPersonCentric.Cli;

/// <summary>What an evaluation produced.</summary>
/// <param name="Data">The data read.</param>
/// <param name="Evaluation">The engine's result.</param>
/// <param name="Files">The files written, relative to the output directory.</param>
public sealed record EvaluateResult(OrgData Data, DriftEvaluation Evaluation, ImmutableArray<string> Files)
{
    /// <summary>From a lake export: persona rows that are not valid definitions, left out.</summary>
    public int LakePersonasLeftOut { get; init; }

    /// <summary>Why (row id, column, reason; the first ten).</summary>
    public ImmutableArray<string> LakePersonaProblems { get; init; } = [];

    /// <summary>From a lake export: rows of a contact already read (its id, or its account's, held twice), left out.</summary>
    public int LakeDuplicateContacts { get; init; }

    /// <summary>From a lake export: distinct trait texts with parts left out (too long, not text, too many items), and the limits they were held to.</summary>
    public int LakeTextsWithProblems { get; init; }

    /// <inheritdoc cref="LakeTextsWithProblems" />
    public Model.Taxonomy.TraitLimits? LakeTraitLimits { get; init; }

    /// <summary>From a Delta lake export: what the tables' logs asked of the read (rows left out by deletion vectors, column mapping).</summary>
    public ImmutableArray<string> LakeApplied { get; init; } = [];
}
