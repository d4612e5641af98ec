using System.Globalization;
using System.Text;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>Turns typed text into canonical words: case, width, punctuation and spacing folded away.</summary>
public static class TraitText
{
    private static readonly string[] FearLeads = ["fear of", "fear that", "fears of", "afraid of", "afraid that", "worried about", "worry about", "worries about", "scared of", "anxious about", "concerned about", "fear"];
    private static readonly string[] AspirationLeads = ["wants to", "want to", "aspires to", "aspire to", "aspiration to", "hopes to", "hope to", "dreams of", "wishes to", "to"];
    private static readonly string[] MembershipLeads = ["member of", "member in", "part of", "active in", "belongs to", "attends"];
    private static readonly string[] PeerLeads = ["peers at", "peers in", "peer group of", "other", "fellow"];

    /// <summary>
    /// Folds the text to lower-case words separated by single spaces: Unicode compatibility forms are
    /// unified, apostrophes dropped ("don't" → "dont"), other punctuation becomes a space.
    /// </summary>
    public static string Canonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var raw in folded)
        {
            if (raw is '\'' or '’' or '‘' or '`')
            {
                continue;
            }

            if (char.IsLetterOrDigit(raw))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(raw));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes one leading phrase that only says which dimension the text is in ("fear of ...").</summary>
    public static string StripDimensionLead(TraitDimension dimension, string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var leads = dimension switch
        {
            TraitDimension.CoreFear => FearLeads,
            TraitDimension.Aspiration => AspirationLeads,
            TraitDimension.Community => MembershipLeads,
            TraitDimension.PeerGroup => PeerLeads,
            _ => [],
        };
        foreach (var lead in leads)
        {
            if (canonical.Length > lead.Length + 1
                && canonical.StartsWith(lead, StringComparison.Ordinal)
                && canonical[lead.Length] == ' ')
            {
                return canonical[(lead.Length + 1)..];
            }
        }

        return canonical;
    }

    /// <summary>The key form of canonical words: joined by '-'.</summary>
    public static string ToKey(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return canonical.Replace(' ', '-');
    }

    /// <summary>A label from canonical words: first letter upper-case.</summary>
    public static string ToLabel(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return canonical.Length == 0
            ? canonical
            : char.ToUpper(canonical[0], CultureInfo.InvariantCulture) + canonical[1..];
    }
}
