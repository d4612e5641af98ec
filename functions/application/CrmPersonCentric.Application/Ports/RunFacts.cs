namespace CrmPersonCentric.Application.Ports;

/// <summary>What the run behind a report did: how many tagged contacts it evaluated and how long it took.</summary>
/// <param name="Contacts">Tagged contacts evaluated.</param>
/// <param name="Duration">From reading the data to the findings.</param>
public sealed record RunFacts(long Contacts, TimeSpan Duration)
{
    /// <summary>Contacts the data named but the run could not evaluate (tagged with a persona that does not exist).</summary>
    public int ContactsLeftOut { get; init; }
}
