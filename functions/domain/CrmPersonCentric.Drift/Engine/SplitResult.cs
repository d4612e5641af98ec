using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>What split detection found in one persona.</summary>
/// <param name="SampleSize">People clustered.</param>
/// <param name="Silhouette">Mean silhouette of the best k.</param>
/// <param name="Groups">The groups of the best k.</param>
internal sealed record SplitResult(int SampleSize, double Silhouette, ImmutableArray<SplitGroup> Groups);
