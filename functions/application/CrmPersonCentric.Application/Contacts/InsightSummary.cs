using System.Globalization;
using System.Text;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Contacts;

/// <summary>
/// The compact insight summary written to the contact (cpc_insightsummary): fit, how many traits match, and the
/// messaging-depth gap. Counts only: it never repeats what the person said.
/// </summary>
public static class InsightSummary
{
    /// <summary>Column length of cpc_insightsummary.</summary>
    public const int MaxLength = 2000;

    /// <summary>Builds the summary.</summary>
    public static string Build(Persona? persona, PersonProfile profile, double? fit, int problems)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var text = new StringBuilder();
        if (persona is null)
        {
            text.Append(profile.PersonaId is null ? "No persona tagged." : "The tagged persona's definition is not available.");
        }
        else
        {
            var all = profile.Traits.All().ToList();
            var matching = all.Count(t => persona.FindTrait(t.Dimension, t.Key) is not null);
            text.Append(CultureInfo.InvariantCulture, $"Fit {(fit is { } f ? f.ToString("0.00", CultureInfo.InvariantCulture) : "unknown")} to {persona.Name}")
                .Append(CultureInfo.InvariantCulture, $" · {matching} of {all.Count} traits match the persona");
            if (all.Count > matching)
            {
                text.Append(CultureInfo.InvariantCulture, $" · {all.Count - matching} not in persona");
            }

            if (profile.HasDeepPersonalDesire && persona.Messaging.ReachedLayer < MessagingLayer.DeepPersonalDesire)
            {
                text.Append(CultureInfo.InvariantCulture, $" · deep desire recorded; persona messaging stops at layer {(int)persona.Messaging.ReachedLayer}");
            }
        }

        if (problems > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" · {problems} trait entr{(problems == 1 ? "y" : "ies")} could not be used (too long or too many)");
        }

        return text.Length > MaxLength ? text.ToString(0, MaxLength) : text.ToString();
    }
}
