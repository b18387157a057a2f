using System.Text.RegularExpressions;

namespace HelpDesk.Application.Email;

/// <summary>
/// Automated and role senders that never get an automatic reply: noreply, no-reply, donotreply, mailer-daemon,
/// postmaster, abuse, bounce(s), notification(s) — also with a +tag or a suffix (noreply-billing@, bounces+123@).
/// </summary>
public static partial class RoleAddresses
{
    public static bool IsRole(string address)
    {
        var at = address.LastIndexOf('@');
        var local = (at > 0 ? address[..at] : address).Trim().ToLowerInvariant();
        return RoleLocalPart().IsMatch(local);
    }

    [GeneratedRegex(@"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_]?daemon|postmaster|abuse|bounces?|notifications?)([-+._].*)?$")]
    private static partial Regex RoleLocalPart();
}
