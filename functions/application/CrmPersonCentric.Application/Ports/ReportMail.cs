namespace CrmPersonCentric.Application.Ports;

/// <summary>A report to send to a marketing lead.</summary>
/// <param name="SenderUserId">The user the e-mail is sent as.</param>
/// <param name="OwnerUserId">The marketing lead (the persona's owner).</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The self-contained HTML report.</param>
public sealed record ReportMail(Guid SenderUserId, Guid OwnerUserId, string Subject, string Html);
