using System.Collections.Immutable;

namespace CrmPersonCentric.Application.Ports;

/// <summary>A run's reports.</summary>
/// <param name="Owners">One report per persona owner.</param>
/// <param name="IndexFileName">The index page's file name.</param>
/// <param name="Index">The index page, linking every owner's report.</param>
public sealed record RenderedReports(ImmutableArray<RenderedReport> Owners, string IndexFileName, string Index);
