using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Sends a report as a Dataverse e-mail activity (from the sending user to the persona's owner) with SendEmail.</summary>
public sealed class WebApiReportMailer(IDataverseClient client) : IReportMailer
{
    private const int From = 1;
    private const int To = 2;

    /// <inheritdoc />
    public async Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var email = new JsonObject
        {
            ["subject"] = mail.Subject,
            ["description"] = mail.Html,
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = From, ["partyid_systemuser@odata.bind"] = $"/systemusers({mail.SenderUserId:D})" },
                new JsonObject { ["participationtypemask"] = To, ["partyid_systemuser@odata.bind"] = $"/systemusers({mail.OwnerUserId:D})" }),
        };
        var id = await client.CreateAsync("emails", email, cancellationToken).ConfigureAwait(false);
        await client.ExecuteActionAsync("SendEmail", new JsonObject { ["IssueSend"] = true }, "emails", id, cancellationToken).ConfigureAwait(false);
    }
}
