using System.Globalization;

namespace HelpDesk.Application.Email;

public sealed partial class EmailNotifier
{
    /// <summary>The address of the page where an invitee sets their password.</summary>
    public string StaffInvitationUrl(string token) => $"{BaseUrl}/Account/AcceptInvitation?token={Uri.EscapeDataString(token)}";

    /// <summary>An administrator invited a new member of staff: the single-use link, its expiry (UTC) and who invited them.</summary>
    public void StaffInvited(string address, string firstName, string roleText, string invitedBy, string token, DateTimeOffset expiresAt) =>
        QueueAccountMail(address, firstName, "You are invited to join HelpDesk support", new MailBody()
            .Paragraph($"Hello {firstName},")
            .Paragraph($"{invitedBy} has invited you to join HelpDesk as {roleText}. Choose your password here to activate your account:")
            .Link("Accept the invitation", StaffInvitationUrl(token))
            .Paragraph($"The link works once and expires on {expiresAt.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} (UTC).")
            .Paragraph("If you did not expect this invitation, you can ignore this email."));
}
