namespace CrmPersonCentric.Drift.Engine;

/// <summary>Settings of one evaluation that are not drift rules.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Defaults: no suppressions, 300 people per persona for split detection.</summary>
    public static EvaluationOptions Default { get; } = new();

    /// <summary>Keys of suggestions rejected recently; equivalent suggestions are not made again.</summary>
    public IReadOnlySet<string> SuppressedSuggestionKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How many people per persona split detection clusters (a deterministic stride sample).</summary>
    public int SplitSampleSize { get; init; } = 300;

    /// <summary>Largest number of groups split detection tries.</summary>
    public int MaxSplitGroups { get; init; } = 4;

    /// <summary>The taxonomy whose labels rationales and suggestions use (a data directory may bring its own).</summary>
    public Model.Taxonomy.TraitTaxonomy Taxonomy { get; init; } = Model.Taxonomy.TraitTaxonomy.Default;

    /// <summary>The messaging theme taxonomy whose labels and addressed traits summaries and suggestions use; the population keys themes with the same one.</summary>
    public Model.Taxonomy.ThemeTaxonomy Themes { get; init; } = Model.Taxonomy.ThemeTaxonomy.Default;

    /// <summary>Contacts per persona on the enrichment worklist.</summary>
    public int WorklistSize { get; init; } = 25;

    /// <summary>Undeclared traits below this observed prevalence are left out of the summaries (not out of the tests).</summary>
    public double MinimumReportedPrevalence { get; init; } = 0.05;
}
