using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// The standalone host's stand-in for the Functions host's key check: the key comes as ?code= (Dataverse's WebhookKey) or the
/// x-functions-key header and is compared in constant time. A missing configured key fails closed.
/// </summary>
public static class FunctionKeyCheck
{
    /// <summary>True when the request carries the key the auth level needs.</summary>
    public static bool IsAuthorized(HttpRequest request, string? authLevel, FunctionKeysOptions keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        if (authLevel is null || string.Equals(authLevel, "anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var accepted = string.Equals(authLevel, "admin", StringComparison.OrdinalIgnoreCase) ? [keys.Master] : new[] { keys.Default, keys.Master };
        var matched = false;
        foreach (var key in accepted)
        {
            // Compare against every candidate so the timing does not tell which key exists.
            matched |= !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(key));
        }

        return matched;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
