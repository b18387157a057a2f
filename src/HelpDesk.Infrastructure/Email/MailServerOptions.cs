using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Which mail servers "Test connection" may reach (issue 14): without limits an administrator's form is a port scanner
/// for the app's network. Ports are the mail ports unless configured; loopback, private, link-local and other
/// non-public addresses (checked after DNS resolution) only when allowed.
/// </summary>
public sealed class MailServerOptions
{
    public const string Section = "HelpDesk:Email:MailServers";

    /// <summary>Comma-separated ports, or <c>*</c> for any (IMAP 143/993, POP3 110/995 by default).</summary>
    public string AllowedPorts { get; set; } = "143,993,110,995";

    /// <summary>Allow loopback, private (RFC 1918, fc00::/7), link-local, CGNAT and unspecified addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }

    public bool IsPortAllowed(int port) =>
        AllowedPorts.Trim() == "*"
        || AllowedPorts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>True for addresses a server on the public internet never has.</summary>
    public static bool IsNonPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19));
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC;
    }
}
