using System.Security.Cryptography;
using System.Text;

namespace CrmPersonCentric.Solution;

/// <summary>Ids derived from component names (name-based, RFC 4122 version 5 layout over SHA-256), so every pack has the same ids.</summary>
internal static class StableId
{
    /// <summary>The id of the component of this kind and name.</summary>
    public static Guid For(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("CrmPersonCentric/" + kind + "/" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>"{xxxxxxxx-…}" as customizations.xml writes ids.</summary>
    public static string Braced(Guid id) => id.ToString("B");
}
