using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>The ICP attributes of accounts.</summary>
public interface IAccountProfiles
{
    /// <summary>The account's industry, size and region, or null when the account does not exist.</summary>
    Task<AccountProfile?> FindAsync(Guid accountId, CancellationToken cancellationToken = default);
}
