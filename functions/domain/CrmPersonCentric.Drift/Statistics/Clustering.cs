namespace CrmPersonCentric.Drift.Statistics;

/// <summary>The result of a k-medoids run.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Medoids">Index of each cluster's medoid.</param>
/// <param name="Labels">Cluster of each point.</param>
public sealed record Clustering(int K, IReadOnlyList<int> Medoids, IReadOnlyList<int> Labels);
