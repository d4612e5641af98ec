using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>
/// The ideal-customer-profile filter of a persona: which accounts its people are expected to come from.
/// It is the filter, not the strategy: an empty list means "any".
/// </summary>
/// <param name="Industries">Accepted industry keys; empty accepts any industry.</param>
/// <param name="MinEmployees">Smallest accepted employee count, inclusive; null for no lower bound.</param>
/// <param name="MaxEmployees">Largest accepted employee count, inclusive; null for no upper bound.</param>
/// <param name="Regions">Accepted region keys; empty accepts any region.</param>
public sealed record IcpFilter(
    ImmutableArray<string> Industries,
    int? MinEmployees,
    int? MaxEmployees,
    ImmutableArray<string> Regions)
{
    /// <summary>A filter that accepts every account.</summary>
    public static IcpFilter Any { get; } = new([], null, null, []);

    /// <summary>
    /// True when the account falls inside the filter. Unknown attributes count as inside: we only call a
    /// person "outside the ICP" on evidence.
    /// </summary>
    public bool Matches(AccountProfile account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!Industries.IsDefaultOrEmpty && account.Industry is { } industry
            && !Industries.Contains(industry, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!Regions.IsDefaultOrEmpty && account.Region is { } region
            && !Regions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (account.EmployeeCount is { } employees)
        {
            if (MinEmployees is { } min && employees < min)
            {
                return false;
            }

            if (MaxEmployees is { } max && employees > max)
            {
                return false;
            }
        }

        return true;
    }
}
