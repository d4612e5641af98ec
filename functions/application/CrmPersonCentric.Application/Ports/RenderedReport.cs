using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>One owner's report.</summary>
/// <param name="FileName">Its file name (report-owner-….html).</param>
/// <param name="Owner">The marketing lead it is for.</param>
/// <param name="Html">The self-contained page.</param>
public sealed record RenderedReport(string FileName, PersonaOwner Owner, string Html)
{
    /// <summary>The weekly e-mail: a short digest (what changed, the top actions, a link to the full report); null when the renderer makes none.</summary>
    public string? Digest { get; init; }

    /// <summary>The digest's file name beside the report (digest-owner-….html).</summary>
    public string DigestFileName => "digest-" + (FileName.StartsWith("report-", StringComparison.Ordinal) ? FileName["report-".Length..] : FileName);
}
