using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Reports.View;

/// <summary>Where a persona stands, most urgent first: drift (critical, then warning), needs work (its definition, its data or its journey), an opportunity, or healthy.</summary>
public enum PersonaState
{
    /// <summary>Critical drift: its people are not who the persona says.</summary>
    Critical,

    /// <summary>Drift worth a revision.</summary>
    Warning,

    /// <summary>No drift, but the definition, the data or the journey needs work.</summary>
    NeedsWork,

    /// <summary>Nothing wrong; something to use.</summary>
    Opportunity,

    /// <summary>Its people still look like it and nothing needs doing.</summary>
    Healthy,
}

/// <summary>One thing to do this week, in one line, linking to its evidence in the report and, when it can, to where it is done.</summary>
/// <param name="Tone">How urgent it looks (critical, warning, work, opportunity, info).</param>
/// <param name="Effect">How far people are from what the persona says (0 to 1), to order actions of one urgency.</param>
/// <param name="PersonaName">The persona.</param>
/// <param name="Text">What to do, in plain words.</param>
/// <param name="Why">What people show, in one sentence.</param>
/// <param name="Anchor">Where its evidence is in the full report.</param>
/// <param name="ActLink">Where it is done (the revision row, the persona's form, a view), when known.</param>
/// <param name="ActText">The act link's words.</param>
public sealed record ActionItem(Tone Tone, double Effect, string PersonaName, string Text, string? Why, string Anchor, string? ActLink, string? ActText)
{
    /// <summary>The report the anchor is in (empty: the page showing it).</summary>
    public string Report { get; init; } = string.Empty;
}

/// <summary>The look of a status, an action or a finding.</summary>
public enum Tone
{
    /// <summary>Critical.</summary>
    Critical,

    /// <summary>Warning.</summary>
    Warning,

    /// <summary>Needs work.</summary>
    Work,

    /// <summary>Minor.</summary>
    Info,

    /// <summary>An opportunity.</summary>
    Opportunity,

    /// <summary>Healthy, better, resolved.</summary>
    Good,
}

/// <summary>A finding as a marketing lead reads it: the headline, then "How we know" on demand.</summary>
/// <param name="Anchor">Its anchor in the report.</param>
/// <param name="Tone">Its look.</param>
/// <param name="Label">Its severity or kind in words ("critical", "opportunity").</param>
/// <param name="Headline">What people show against what the persona says.</param>
/// <param name="HowWeKnow">The statistics behind it, one line each.</param>
/// <param name="Explanation">The engine's longer explanation.</param>
public sealed record FindingView(string Anchor, Tone Tone, string Label, string Headline, IReadOnlyList<string> HowWeKnow, string Explanation);

/// <summary>A suggested revision: its title, why, the findings behind it, and where to accept or reject it.</summary>
/// <param name="Anchor">Its anchor in the report.</param>
/// <param name="Tone">Its look.</param>
/// <param name="Title">What it proposes ("Retire a trait: Budget cuts").</param>
/// <param name="Why">The first finding's headline.</param>
/// <param name="Details">The engine's explanation and details.</param>
/// <param name="ActLink">Its revision row, when known.</param>
/// <param name="Evidence">The findings behind it, each with its statistics.</param>
public sealed record SuggestionView(string Anchor, Tone Tone, string Title, string? Why, IReadOnlyList<string> Details, string? ActLink, IReadOnlyList<FindingView> Evidence);

/// <summary>One line of "what changed since the last run".</summary>
/// <param name="Tone">Its look (worse and new as their severity, better and resolved as good).</param>
/// <param name="Kind">New, worse, better, resolved, accepted, rejected, new version.</param>
/// <param name="PersonaName">The persona.</param>
/// <param name="Text">What changed, in plain words.</param>
public sealed record ChangeView(Tone Tone, string Kind, string PersonaName, string Text);

/// <summary>What changed since the last run, counted and told.</summary>
/// <param name="Since">The last run's date, or null on a first run.</param>
/// <param name="Items">What changed, most important first.</param>
public sealed record ChangesView(DateTimeOffset? Since, IReadOnlyList<ChangeView> Items)
{
    /// <summary>How many of a kind.</summary>
    public int Count(string kind) => Items.Count(i => i.Kind == kind);
}

/// <summary>A trend chart: inline SVG with axes and a legend, and a sentence saying what it shows.</summary>
/// <param name="Title">What it draws.</param>
/// <param name="Svg">The chart.</param>
/// <param name="Description">For screen readers and anyone who cannot see it.</param>
public sealed record ChartView(string Title, string Svg, string Description)
{
    /// <summary>True for a drifting trait's chart (shown open; the others are folded under it).</summary>
    public bool Drifting { get; init; }

    /// <summary>The legend, drawn in HTML under the chart (it wraps on a phone): each series' name, colour and style.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; init; } = [];
}

/// <summary>One series in a chart's legend.</summary>
/// <param name="Label">Its name.</param>
/// <param name="Colour">Its colour (CSS).</param>
/// <param name="Style">"line", "dash" or "band".</param>
public sealed record LegendEntry(string Label, string Colour, string Style);

/// <summary>A persona in a report.</summary>
public sealed record PersonaView(
    PersonaSummary Summary,
    string Anchor,
    PersonaState State,
    IReadOnlyList<string> Also,
    string? FormLink,
    IReadOnlyList<SuggestionView> Suggestions,
    IReadOnlyList<FindingView> Drift,
    IReadOnlyList<FindingView> NeedsWork,
    IReadOnlyList<FindingView> Opportunities,
    IReadOnlyList<string> Insufficient,
    IReadOnlyList<ChartView> Charts,
    EnrichmentWorklist? Worklist)
{
    /// <summary>The persona's name.</summary>
    public string Name => Summary.Name;

    /// <summary>The traits with a drift finding, as (dimension, key).</summary>
    public IReadOnlySet<(TraitDimension Dimension, string Key)> DriftingTraits { get; init; } = new HashSet<(TraitDimension, string)>();
}

/// <summary>One marketing lead's report, ready to render.</summary>
public sealed record OwnerView(
    OwnerReport Report,
    IReadOnlyList<ActionItem> Actions,
    IReadOnlyList<PersonaView> Personas,
    ChangesView Changes,
    ActLinks Links)
{
    /// <summary>The lead.</summary>
    public PersonaOwner Owner => Report.Owner;

    /// <summary>The full report's link from the digest (the published report, or the file beside the digest).</summary>
    public string? FullReportLink { get; init; }
}
