using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Suggestions;

/// <summary>
/// Applies an accepted revision to a persona, producing the next version and a change-log line. Changes that are
/// not a definition change (tighten tagging, split persona) are reported as not applicable: they need people.
/// </summary>
public static class PersonaRevisionApplier
{
    /// <summary>Applies the change; returns the new persona (version + 1) and what changed, or null and why not.</summary>
    public static (Persona? Persona, string Description) Apply(Persona persona, RevisionChange change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(change);
        var stamp = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var next = persona.Version + 1;
        Persona Bump(Persona p) => p with { Version = next, RevisedOn = at };
        string Line(string text) => string.Create(CultureInfo.InvariantCulture, $"v{next} ({stamp}): {text}");

        switch (change.Type)
        {
            case SuggestionType.AddTrait or SuggestionType.ReweightTrait when change.Dimension is { } dimension && change.Subject is { } key && change.ProposedValue is { } prevalence and > 0 and <= 1:
                var traits = persona.Traits.RemoveAll(t => t.Dimension == dimension && t.Key == key).Add(new DeclaredTrait(dimension, key, prevalence));
                return (Bump(persona with { Traits = traits }), Line(string.Create(CultureInfo.InvariantCulture, $"{(change.Type == SuggestionType.AddTrait ? "added" : "reweighted")} {dimension.ToFieldName()} '{key}' at {prevalence:0.##}")));
            case SuggestionType.RetireTrait when change.Dimension is { } dimension && change.Subject is { } key:
                return persona.FindTrait(dimension, key) is null
                    ? (null, $"'{key}' is no longer declared; nothing to retire")
                    : (Bump(persona with { Traits = persona.Traits.RemoveAll(t => t.Dimension == dimension && t.Key == key) }), Line($"retired {dimension.ToFieldName()} '{key}'"));
            case SuggestionType.DeepenMessaging:
                var layer = change.ProposedValue is { } v && v is >= 1 and <= 4 ? (MessagingLayer)(int)v : MessagingLayer.DeepPersonalDesire;
                return layer <= persona.Messaging.ReachedLayer
                    ? (null, "the messaging already reaches that layer")
                    : (Bump(persona with { Messaging = persona.Messaging with { ReachedLayer = layer } }), Line($"messaging deepened to layer {(int)layer}"));
            case SuggestionType.WidenIcp:
                return (Bump(persona with { Icp = Widen(persona.Icp, change.Details) }), Line("ICP widened: " + string.Join(", ", change.Details)));
            case SuggestionType.ReviseBehaviourExpectation when change.Subject is { } key && change.ProposedValue is { } share and >= 0 and <= 1:
                var expectation = persona.Behaviours.FirstOrDefault(b => b.Key == key);
                return expectation is null
                    ? (null, $"'{key}' is no longer expected; nothing to revise")
                    : (Bump(persona with { Behaviours = persona.Behaviours.Replace(expectation, expectation with { ExpectedShare = share }) }),
                        Line(string.Create(CultureInfo.InvariantCulture, $"expected share of '{key}' set to {share:0.##}")));
            case SuggestionType.ReviseTrustChannel when change.Subject is { } channelKey && TrustExpectation.TryParse(channelKey, out var channel) && change.ProposedValue is { } trustShare and >= 0 and <= 1:
                return (Bump(persona with { TrustChannels = SetChannel(persona.TrustChannels, channel, trustShare) }),
                    Line(string.Create(CultureInfo.InvariantCulture, $"expected trust through '{channelKey}' set to {trustShare:0.##}")));
            case SuggestionType.ChangeGoToMarket when !change.Details.IsDefaultOrEmpty:
                var channels = persona.TrustChannels.IsDefault ? [] : persona.TrustChannels;
                foreach (var detail in change.Details)
                {
                    var parts = detail.Split('=');
                    if (parts.Length == 2 && TrustExpectation.TryParse(parts[0], out var c)
                        && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
                    {
                        channels = SetChannel(channels, c, value);
                    }
                }

                return (Bump(persona with { TrustChannels = channels }), Line("go-to-market motion changed; trust channels set to " + string.Join(", ", change.Details)));
            case SuggestionType.LeadWithTheme:
                return (null, "leading with a theme changes campaigns, not the definition; brief the campaign owners with the evidence");
            case SuggestionType.BuildAdvocateProgramme:
                return (null, "an advocate programme is built with people, not in the definition; start from the view 'Advocates and connectors'");
            case SuggestionType.TightenTagging:
                return (null, "tightening tagging changes how people are tagged, not the definition; review the tagged contacts");
            case SuggestionType.SplitPersona:
                return (null, "a split needs new personas created from the groups described; the definition is left as it is");
            default:
                return (null, "the revision lacks the values it needs (dimension, subject or proposed value)");
        }
    }

    private static ImmutableArray<TrustExpectation> SetChannel(ImmutableArray<TrustExpectation> channels, TrustModes channel, double share)
    {
        var list = channels.IsDefault ? [] : channels;
        var existing = list.FirstOrDefault(t => t.Channel == channel);
        return existing is null ? list.Add(new TrustExpectation(channel, share)) : list.Replace(existing, existing with { ExpectedShare = share });
    }

    private static IcpFilter Widen(IcpFilter icp, ImmutableArray<string> details)
    {
        var industries = icp.Industries;
        var regions = icp.Regions;
        var min = icp.MinEmployees;
        var max = icp.MaxEmployees;
        foreach (var detail in details.IsDefault ? [] : details)
        {
            var parts = detail.Split(':', 2);
            switch (parts[0])
            {
                case "industry" when parts.Length == 2 && !industries.IsDefaultOrEmpty && !industries.Contains(parts[1]):
                    industries = industries.Add(parts[1]);
                    break;
                case "region" when parts.Length == 2 && !regions.IsDefaultOrEmpty && !regions.Contains(parts[1]):
                    regions = regions.Add(parts[1]);
                    break;
                case "employees" when detail == "employees:lower-minimum":
                    min = null;
                    break;
                case "employees" when detail == "employees:raise-maximum":
                    max = null;
                    break;
            }
        }

        return new IcpFilter(industries, min, max, regions);
    }
}
