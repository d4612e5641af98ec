using System.Globalization;
using System.Text.RegularExpressions;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace CrmPersonCentric.Reports.View;

/// <summary>
/// A persona's trends as static SVG charts drawn by OxyPlot (axes with titles, a legend, no script): each drifting trait's
/// observed share with its 95% interval beside the declared line, its behaviours' shares, mean fit, and how completely
/// each dimension is recorded, over the runs kept. The SVG scales to its container (a viewBox, width 100%).
/// </summary>
public static partial class TrendCharts
{
    /// <summary>Drifting traits drawn per persona at most.</summary>
    public const int MaxTraitCharts = 4;

    /// <summary>Behaviours drawn in one chart at most.</summary>
    public const int MaxBehaviours = 6;

    private const int Width = 480;
    private const int Height = 280;

    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1d, 0x4e, 0xd8), OxyColor.FromRgb(0xd9, 0x77, 0x06), OxyColor.FromRgb(0x05, 0x96, 0x69),
        OxyColor.FromRgb(0x7c, 0x3a, 0xed), OxyColor.FromRgb(0xdb, 0x27, 0x77), OxyColor.FromRgb(0x0e, 0x74, 0x90),
    ];

    /// <summary>The charts of one persona (none before its second run).</summary>
    public static IReadOnlyList<ChartView> For(PersonaSummary persona, IEnumerable<TrendPoint> history, IEnumerable<Finding> drift, TraitTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(drift);
        var points = history.Where(h => h.PersonaId == persona.PersonaId).OrderBy(h => h.AsOf).ToList();
        if (points.Count < 2)
        {
            return [];
        }

        var charts = new List<ChartView>();
        var traitKeys = drift.Where(f => f.Dimension is not null && f.Subject is not null)
            .Select(f => $"trait:{f.Dimension!.Value.ToFieldName()}:{f.Subject}").Distinct(StringComparer.Ordinal).Take(MaxTraitCharts);
        foreach (var key in traitKeys)
        {
            var series = Series(points, key);
            if (series.Count < 2)
            {
                continue;
            }

            var label = series[^1].Measure.Label;
            charts.Add(Trait(label, series, Id(persona, charts.Count)));
        }

        var behaviours = points[^1].Measures.Where(m => m.Kind == MeasureKind.Behaviour).OrderBy(m => m.Expected is null).Take(MaxBehaviours).ToList();
        if (behaviours.Count > 0)
        {
            charts.Add(Lines("Behaviours: share of people", "Share of people", true,
                [.. behaviours.Select(b => (b.Label, Series(points, b.Key).Select(s => (s.AsOf, s.Measure.Value)).ToList()))],
                $"The share of {persona.Name}'s people showing each behaviour in the window, per run.", Id(persona, charts.Count)));
        }

        charts.Add(Lines("Mean fit", "Fit (0 to 1)", false,
            [("Mean fit", points.Select(p => (p.AsOf, p.MeanFit)).ToList())],
            $"How well {persona.Name}'s people fit the persona on average, per run (1 is a perfect fit).", Id(persona, charts.Count)));
        var coverage = points[^1].Measures.Where(m => m.Kind == MeasureKind.Coverage).ToList();
        if (coverage.Count > 0)
        {
            charts.Add(Lines("Recorded traits", "Share of people", true,
                [.. coverage.Select(c => (c.Label, Series(points, c.Key).Select(s => (s.AsOf, s.Measure.Value)).ToList()))],
                $"The share of {persona.Name}'s people with each dimension recorded, per run.", Id(persona, charts.Count)));
        }

        return charts;
    }

    private static List<(DateTimeOffset AsOf, Measure Measure)> Series(IEnumerable<TrendPoint> points, string key) =>
        [.. points.Select(p => (p.AsOf, Measure: p.Measures.FirstOrDefault(m => m.Key == key))).Where(x => x.Measure is not null).Select(x => (x.AsOf, x.Measure!))];

    private static ChartView Trait(string label, List<(DateTimeOffset AsOf, Measure Measure)> series, string id)
    {
        var model = Model(label, "Share of people", true);
        var interval = new AreaSeries
        {
            Title = "95% interval",
            Color = OxyColors.Transparent,
            Fill = OxyColor.FromAColor(70, Palette[0]),
            StrokeThickness = 0,
        };
        interval.Points.AddRange(series.Select(s => new DataPoint(X(s.AsOf), 100 * (s.Measure.High ?? s.Measure.Value))));
        interval.Points2.AddRange(series.Select(s => new DataPoint(X(s.AsOf), 100 * (s.Measure.Low ?? s.Measure.Value))));
        model.Series.Add(interval);
        var observed = new LineSeries { Title = "Observed", Color = Palette[0], StrokeThickness = 2.5, MarkerType = MarkerType.Circle, MarkerSize = 3.5, MarkerFill = Palette[0] };
        observed.Points.AddRange(series.Select(s => new DataPoint(X(s.AsOf), 100 * s.Measure.Value)));
        model.Series.Add(observed);
        if (series.Any(s => s.Measure.Expected is not null))
        {
            var declared = new LineSeries { Title = "Persona says", Color = OxyColor.FromRgb(0x11, 0x18, 0x27), StrokeThickness = 1.5, LineStyle = LineStyle.Dash };
            declared.Points.AddRange(series.Where(s => s.Measure.Expected is not null).Select(s => new DataPoint(X(s.AsOf), 100 * s.Measure.Expected!.Value)));
            model.Series.Add(declared);
        }

        var last = series[^1].Measure;
        var says = last.Expected is { } x ? $"; the persona says {Say.Pct(x)}" : string.Empty;
        var text = $"{label}: observed share per run, now {Say.Pct(last.Value)}{says}.";
        return new ChartView(label, Svg(model, id, text), text)
        {
            Drifting = true,
            Legend = [.. model.Series.Select(x => x switch
            {
                AreaSeries a => new LegendEntry(a.Title, Css(a.Fill), "band"),
                LineSeries { LineStyle: LineStyle.Dash } d => new LegendEntry(d.Title, Css(d.Color), "dash"),
                LineSeries l => new LegendEntry(l.Title, Css(l.Color), "line"),
                _ => new LegendEntry(x.Title, "#6b7280", "line"),
            })],
        };
    }

    private static ChartView Lines(string title, string axis, bool share, IReadOnlyList<(string Label, List<(DateTimeOffset AsOf, double Value)> Points)> lines, string description, string id)
    {
        var model = Model(title, axis, share);
        for (var i = 0; i < lines.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var line = new LineSeries { Title = lines[i].Label, Color = color, StrokeThickness = 2, MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = color };
            line.Points.AddRange(lines[i].Points.Select(p => new DataPoint(X(p.AsOf), share ? 100 * p.Value : p.Value)));
            model.Series.Add(line);
        }

        return new ChartView(title, Svg(model, id, description), description)
        {
            Legend = [.. lines.Select((l, i) => new LegendEntry(l.Label, Css(Palette[i % Palette.Length]), "line"))],
        };
    }

    private static PlotModel Model(string title, string axis, bool share)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 15,
            TitleFontWeight = FontWeights.Bold,
            // Arial and Helvetica share the metrics OxyPlot measures text with, so labels fit as drawn.
            DefaultFont = "Arial, Helvetica, sans-serif",
            DefaultFontSize = 13,
            TextColor = OxyColor.FromRgb(0x1f, 0x29, 0x37),
            PlotAreaBorderColor = OxyColor.FromRgb(0x9c, 0xa3, 0xaf),
            PlotAreaBorderThickness = new OxyThickness(1, 0, 0, 1),
            Background = OxyColors.White,
        };
        model.Axes.Add(new DateTimeAxis
        {
            Position = AxisPosition.Bottom,
            Title = "Run (data as of)",
            StringFormat = "d MMM",
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xe5, 0xe7, 0xeb),
            IntervalType = DateTimeIntervalType.Days,
            MinimumPadding = 0.05,
            AxisTitleDistance = 8,
            MaximumPadding = 0.05,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = axis,
            Minimum = 0,
            Maximum = share ? 100 : 1,
            MajorStep = share ? 25 : 0.25,
            StringFormat = share ? "0'%'" : "0.00",
            AxisTitleDistance = 10,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xe5, 0xe7, 0xeb),
        });
        // The legend is HTML under the chart (see ChartView.Legend): it wraps on a phone, where a drawn one is cut off.
        return model;
    }

    private static string Css(OxyColor c) => string.Create(CultureInfo.InvariantCulture, $"rgba({c.R},{c.G},{c.B},{c.A / 255.0:0.##})");

    private static double X(DateTimeOffset date) => DateTimeAxis.ToDouble(date.UtcDateTime);

    private static string Id(PersonaSummary persona, int index) =>
        "chart-" + OwnerViews.Slug(persona.PersonaId) + "-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The chart as an inline SVG element that scales to its container, its clip paths named after the chart (ids are unique in a page), labelled for screen readers.</summary>
    private static string Svg(PlotModel model, string id, string label)
    {
        var svg = SvgExporter.ExportToString(model, Width, Height, false);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg[start..];
        // Scale with the page: a viewBox in the exporter's pixels, the width from CSS.
        svg = ClipPath().Replace(svg, id + "-clip$1");
        var root = string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\" class=\"chart\"");
        return RootSize().Replace(svg, root, 1);
    }

    [GeneratedRegex("clipPath([0-9]+)")]
    private static partial Regex ClipPath();

    [GeneratedRegex("<svg width=\"[^\"]*\" height=\"[^\"]*\"")]
    private static partial Regex RootSize();
}
