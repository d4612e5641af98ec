using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Suggestions;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>What the analyzers' suggestions draw on beyond their finding: labels, where out-of-ICP people come from, the groups a split found, the advocates, and every actionable finding of the run.</summary>
internal sealed record SuggestionContext(
    TraitTaxonomy Taxonomy,
    ThemeTaxonomy Themes,
    IReadOnlyDictionary<string, IcpLeak> Leaks,
    IReadOnlyDictionary<string, ImmutableArray<SplitGroup>> SplitGroups,
    IReadOnlyDictionary<string, AdvocateSummary> Advocates,
    IReadOnlySet<string> SplittingPersonas,
    IReadOnlyList<Finding> Actionable)
{
    /// <summary>A suggestion of one finding: keyed by its type, persona, dimension and (unless persona-wide) subject.</summary>
    public static RevisionSuggestion Make(Finding finding, Persona persona, SuggestionType type, double? value, string rationale, ImmutableArray<string> details = default, ImmutableArray<SplitGroup> groups = default) =>
        new(RevisionSuggestion.MakeKey(type, persona.Id, finding.Dimension, IsPersonaWide(type) ? null : finding.Subject),
            type, persona.Id, persona.Version, finding.Dimension,
            IsPersonaWide(type) ? null : finding.Subject,
            value, details.IsDefault ? [] : details, groups.IsDefault ? [] : groups, finding.Severity, [finding.Id], rationale)
        {
            SubjectLabel = IsPersonaWide(type) ? null : finding.SubjectLabel,
        };

    /// <summary>A finding's trait subject as its label.</summary>
    public string LabelOf(Finding finding) =>
        finding.Subject is { } key && finding.Dimension is { } dimension ? Taxonomy.LabelOf(dimension, key) : finding.SubjectLabel ?? string.Empty;

    private static bool IsPersonaWide(SuggestionType type) =>
        type is SuggestionType.SplitPersona or SuggestionType.DeepenMessaging or SuggestionType.TightenTagging or SuggestionType.WidenIcp
            or SuggestionType.ChangeGoToMarket or SuggestionType.BuildAdvocateProgramme;

    /// <summary>A proposed value rounded to 5 points (2 decimals below 2.5%).</summary>
    public static double Round(double value) => Math.Round(value * 20, MidpointRounding.AwayFromZero) / 20 is var r && r > 0 ? r : Math.Round(value, 2);

    /// <summary>A share as a whole percentage.</summary>
    public static string Pct(double? value) =>
        value is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A number with up to two decimals.</summary>
    public static string F(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";
}
