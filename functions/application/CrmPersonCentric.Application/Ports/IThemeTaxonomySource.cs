using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.Ports;

/// <summary>
/// The messaging theme taxonomy evaluation keys responses with: the shipped themes merged with the rows marketing keeps
/// in Dataverse's Messaging theme table, so a campaign name added there counts toward its theme in the next run.
/// </summary>
public interface IThemeTaxonomySource
{
    /// <summary>The current theme taxonomy.</summary>
    ValueTask<ThemeTaxonomy> ThemesAsync(CancellationToken cancellationToken = default);
}
