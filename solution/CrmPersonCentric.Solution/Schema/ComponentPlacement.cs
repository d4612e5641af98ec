using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A code component on a form: its name and which column each of its bound properties reads and writes.</summary>
/// <param name="Name">The component's solution name, e.g. cpc_CrmPersonCentric.EnrichmentPanel.</param>
/// <param name="Bindings">Manifest property → column; the first is the column the component is placed on.</param>
internal sealed record ComponentPlacement(string Name, ImmutableArray<(string Property, string Column)> Bindings)
{
    /// <summary>The column whose cell hosts the component.</summary>
    public string Column => Bindings[0].Column;
}
