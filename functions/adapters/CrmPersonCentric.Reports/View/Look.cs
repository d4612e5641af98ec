namespace CrmPersonCentric.Reports.View;

/// <summary>How tones look: CSS classes for the web pages, inline colours for the e-mail, and their words.</summary>
public static class Look
{
    /// <summary>The tone's CSS suffix ("critical").</summary>
    public static string Class(Tone tone) => tone.ToString().ToLowerInvariant();

    /// <summary>The tone's colour (white text reads on it).</summary>
    public static string Colour(Tone tone) => tone switch
    {
        Tone.Critical => "#b91c1c",
        Tone.Warning => "#b45309",
        Tone.Work => "#6d28d9",
        Tone.Info => "#2563eb",
        Tone.Opportunity => "#047857",
        _ => "#15803d",
    };

    /// <summary>The tone's word on a chip.</summary>
    public static string Word(Tone tone) => tone switch
    {
        Tone.Critical => "critical",
        Tone.Warning => "warning",
        Tone.Work => "needs work",
        Tone.Info => "minor",
        Tone.Opportunity => "opportunity",
        _ => "healthy",
    };

    /// <summary>The style sheet of the web pages (the e-mail digest uses inline styles only).</summary>
    public const string Css = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:#f3f4f6;color:#111827;font:15px/1.5 "Segoe UI",Helvetica,Arial,sans-serif;overflow-wrap:anywhere}
        main{max-width:980px;margin:0 auto;background:#fff;padding:20px 24px 32px}
        h1{font-size:24px;line-height:1.25;margin:0 0 4px}
        h2{font-size:20px;line-height:1.3;margin:28px 0 8px}
        h3{font-size:16px;margin:20px 0 6px}
        p{margin:6px 0}
        a{color:#1d4ed8}
        .meta,.muted{color:#4b5563;font-size:14px}
        .small{font-size:13px}
        .chip{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;line-height:18px;color:#fff;white-space:nowrap;vertical-align:1px}
        .t-critical{background:#b91c1c}.t-warning{background:#b45309}.t-work{background:#6d28d9}.t-info{background:#2563eb}.t-opportunity{background:#047857}.t-good{background:#15803d}
        .b-critical{border-left-color:#b91c1c!important}.b-warning{border-left-color:#b45309!important}.b-work{border-left-color:#6d28d9!important}.b-info{border-left-color:#2563eb!important}.b-opportunity{border-left-color:#047857!important}.b-good{border-left-color:#15803d!important}
        ol.actions,ul.plain,ul.cards,ul.changes{list-style:none;padding:0;margin:6px 0}
        ol.actions li,ul.changes li{border-left:4px solid #9ca3af;background:#f9fafb;padding:6px 10px;margin:6px 0}
        .who{font-weight:600}
        a.act{display:inline-block;margin-left:6px;font-size:14px;font-weight:600;white-space:nowrap}
        ul.plain li{padding:3px 0}
        li.card{border:1px solid #e5e7eb;border-left:4px solid #9ca3af;border-radius:4px;padding:8px 12px;margin:8px 0}
        .headline{font-weight:500}
        details{margin-top:4px}
        details summary{cursor:pointer;color:#1d4ed8;font-size:14px}
        details ul{margin:4px 0;padding-left:20px;font-size:14px}
        section.persona{border-top:3px solid #1d4ed8;margin-top:36px;padding-top:4px}
        section.ops{border-top:3px solid #6b7280;margin-top:40px;padding-top:4px}
        .ok{color:#166534}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(400px,1fr));gap:12px}
        figure{margin:0;border:1px solid #e5e7eb;border-radius:4px;padding:4px}
        figcaption{font-size:13px;color:#4b5563;padding:2px 4px}
        svg.chart{width:100%;height:auto;display:block}
        .legend{display:flex;flex-wrap:wrap;gap:2px 14px;font-size:13px;padding:2px 4px;color:#1f2937}
        .legend i{display:inline-block;width:18px;margin-right:5px;vertical-align:middle}
        .legend i.line{border-top:3px solid}.legend i.dash{border-top:2px dashed}.legend i.band{height:10px}
        table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0 12px}
        th,td{padding:4px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
        th{border-bottom:2px solid #9ca3af;font-weight:600}
        details.more-trends{margin-top:8px}
        details.figures{margin-top:16px;border:1px solid #e5e7eb;border-radius:4px;padding:6px 10px}
        details.figures>summary{font-size:15px;font-weight:600}
        footer{margin-top:32px;color:#6b7280;font-size:12px}
        @media (max-width:640px){
          main{padding:14px 12px 24px}
          h1{font-size:21px}
          h2{font-size:18px}
          table.reflow thead{display:none}
          table.reflow,table.reflow tbody,table.reflow tr,table.reflow td{display:block;width:100%}
          table.reflow tr{border-bottom:1px solid #d1d5db;padding:6px 0}
          table.reflow td{border:0;padding:1px 0}
          table.reflow td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:#374151}
          a.act{display:block;margin:4px 0 0}
          .charts{grid-template-columns:1fr}
        }
        """;
}
