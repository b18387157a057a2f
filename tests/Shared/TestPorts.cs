using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Testing;

/// <summary>Ports for the servers a test starts (the app, Dovecot, Redis, the load harness's app).</summary>
public static class TestPorts
{
    /// <summary>A loopback port nothing listens on right now (the system's choice, released at once).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
