namespace CrmPersonCentric.Application.Ports;

/// <summary>Named leases that keep two runs of one job (an evaluation, a reconciliation) from overlapping.</summary>
public interface ILeases
{
    /// <summary>Takes the lease for a while; its token, or null when someone else holds it.</summary>
    Task<string?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease back (only the holder's token does).</summary>
    Task ReleaseAsync(string name, string token, CancellationToken cancellationToken = default);
}
