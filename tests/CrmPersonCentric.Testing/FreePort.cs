using System.Net;
using System.Net.Sockets;

namespace CrmPersonCentric.Testing;

/// <summary>Loopback ports nobody listens on, for servers the tests start.</summary>
public static class FreePort
{
    /// <summary>A port the operating system just handed out (and took back) on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether something accepts connections on the loopback port.</summary>
    public static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
