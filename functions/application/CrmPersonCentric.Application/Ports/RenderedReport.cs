using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>One owner's report.</summary>
/// <param name="FileName">Its file name (report-owner-….html).</param>
/// <param name="Owner">The marketing lead it is for.</param>
/// <param name="Html">The self-contained page.</param>
public sealed record RenderedReport(string FileName, PersonaOwner Owner, string Html);
