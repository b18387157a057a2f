using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>
/// Writes the emails a case change owes the subscriber into the outbox (<see cref="OutboundEmail"/>), inside the
/// command's transaction: the mail exists exactly when the change committed. The SMTP sender delivers it later.
/// Internal notes are never mailed. Every message gets a signed Message-ID and threads onto the case's earlier mail.
/// </summary>
public sealed partial class EmailNotifier(IHelpDeskDb db, IEmailMessageIds messageIds, SlaClock slaClock, IClock clock, IOptions<OutboundEmailOptions> options)
{
    /// <summary>Most References kept: the first message of the thread and the latest ones (RFC 5322 §3.6.4 allows trimming).</summary>
    private const int MaxReferences = 10;

    private OutboundEmailOptions Options => options.Value;

    /// <summary>"We received your request": the case number and when to expect an answer (from the SLA clock).</summary>
    public async Task CaseReceivedAsync(Case @case, CancellationToken cancellationToken)
    {
        var subscriber = await RecipientAsync(@case, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        // The deadlines of a case opened in this command are computed here rather than just before the save.
        await slaClock.RefreshChangedCasesAsync(cancellationToken);
        var body = new MailBody()
            .Paragraph($"Hello {subscriber.FirstName},")
            .Paragraph($"We received your request \"{@case.Subject}\". Its case number is {@case.DisplayNumber}; keep it in the subject when you write about it.")
            .Paragraph(@case.ResponseDueAt is { } due
                ? $"You can expect an answer from our team by {ZonedTime.ForMail(due, subscriber.TimeZone)}."
                : "Our team will answer as soon as possible.")
            .Paragraph("You can reply to this email to add anything to your request.");
        await QueueAsync(OutboundEmailKind.Acknowledgement, @case, subscriber, null, $"We received your request: {@case.Subject}", body, cancellationToken);
    }

    /// <summary>An agent's public reply, sent as the email the subscriber answers. Internal notes are ignored.</summary>
    public async Task AgentReplyAsync(Case @case, Interaction reply, CancellationToken cancellationToken)
    {
        if (reply.Visibility != Visibility.Public || reply.AuthorKind != AuthorKind.Agent)
        {
            return;
        }

        var subscriber = await RecipientAsync(@case, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        var body = new MailBody().Text(reply.Body);
        if (reply.Explanation is { } why)
        {
            body.Paragraph($"Why we ask: {why}");
        }

        body.Paragraph($"— {reply.AuthorName}");
        var messageId = await QueueAsync(OutboundEmailKind.AgentReply, @case, subscriber, reply.Id, $"Re: {@case.Subject}", body, cancellationToken);
        if (messageId is not null)
        {
            reply.LinkEmail(messageId);
        }
    }

    /// <summary>"We'll get back to you by …": the promise an agent made, with its note.</summary>
    public async Task FollowUpPromisedAsync(Case @case, FollowUp promise, CancellationToken cancellationToken)
    {
        var subscriber = await RecipientAsync(@case, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        var body = new MailBody()
            .Paragraph($"Hello {subscriber.FirstName},")
            .Paragraph($"{promise.AgentName} will get back to you about {@case.DisplayNumber} by {ZonedTime.ForMail(promise.DueAt, subscriber.TimeZone)}.");
        if (promise.Note is { } note)
        {
            body.Paragraph($"What we promised: {note}");
        }

        await QueueAsync(OutboundEmailKind.FollowUpReminder, @case, subscriber, null, $"We'll get back to you: {@case.Subject}", body, cancellationToken);
    }

    /// <summary>A promised follow-up came due unanswered: an apology, so the subscriber is not left wondering.</summary>
    public async Task FollowUpMissedAsync(Case @case, FollowUp promise, CancellationToken cancellationToken)
    {
        if (@case.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            return;
        }

        var subscriber = await RecipientAsync(@case, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        var body = new MailBody()
            .Paragraph($"Hello {subscriber.FirstName},")
            .Paragraph($"We promised to get back to you about {@case.DisplayNumber} by {ZonedTime.ForMail(promise.DueAt, subscriber.TimeZone)}, and we have not yet. We are sorry.")
            .Paragraph("Your case is still open and has been flagged to the team; you will hear from us soon.");
        await QueueAsync(OutboundEmailKind.FollowUpReminder, @case, subscriber, null, $"An update on your request: {@case.Subject}", body, cancellationToken);
    }

    /// <summary>The case is resolved: a link to rate the help (one answer per case; a later resolution reissues an unanswered link).</summary>
    public async Task CaseResolvedAsync(Case @case, CancellationToken cancellationToken)
    {
        var subscriber = await RecipientAsync(@case, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        var now = clock.UtcNow;
        var survey = await db.SatisfactionSurveys.SingleOrDefaultAsync(s => s.CaseId == @case.Id, cancellationToken);
        string? token = null;
        if (survey is null)
        {
            token = NewToken();
            db.SatisfactionSurveys.Add(SatisfactionSurvey.Create(@case.Id, HashToken(token), now));
        }
        else if (!survey.IsAnswered)
        {
            token = NewToken();
            survey.Reissue(HashToken(token));
        }

        var body = new MailBody()
            .Paragraph($"Hello {subscriber.FirstName},")
            .Paragraph($"We have resolved your request {@case.DisplayNumber} \"{@case.Subject}\". If anything is still wrong, reply to this email and the case reopens.");
        if (token is not null)
        {
            body.Link("How did we do? Rate our help (one click, no sign-in):", SatisfactionUrl(token));
        }

        await QueueAsync(OutboundEmailKind.Resolved, @case, subscriber, null, $"Resolved: {@case.Subject}", body, cancellationToken);
    }

    public string SatisfactionUrl(string token) => $"{BaseUrl}/satisfaction/{token}";

    /// <summary>The app's address for links in mail (set at start-up to the listening address when not configured).</summary>
    private string BaseUrl => (string.IsNullOrWhiteSpace(Options.PublicBaseUrl) ? "http://localhost:5000" : Options.PublicBaseUrl).TrimEnd('/');

    /// <summary>Lower-case hex SHA-256 of a satisfaction token: what the database keeps.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An address of the app for a link in mail, with query values escaped.</summary>
    public string Link(string path, params (string Name, string Value)[] query) =>
        BaseUrl + path + (query.Length == 0 ? string.Empty : "?" + string.Join('&', query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}")));

    /// <summary>A new (or re-registered, still unconfirmed) account: the link that confirms the address.</summary>
    public void ConfirmAddress(string address, string firstName, string link, TimeSpan lifetime) =>
        QueueAccountMail(address, firstName, "Confirm your email address for HelpDesk", new MailBody()
            .Paragraph($"Hello {firstName},")
            .Paragraph("Someone — we hope you — created a HelpDesk account with this email address. To finish, open this link and enter the password you chose:")
            .Link("Confirm my email address", link)
            .Paragraph($"The link works for {Accounts.LinkLifetime.Describe(lifetime)}. Until the address is confirmed, the account cannot sign in and shows nothing.")
            .Paragraph("If you did not create this account, ignore this email: nothing happens without the password."));

    /// <summary>A password reset link (single use, expiring).</summary>
    public void PasswordReset(string address, string link, TimeSpan lifetime) =>
        QueueAccountMail(address, null, "Reset your HelpDesk password", new MailBody()
            .Paragraph("Hello,")
            .Paragraph("Someone — we hope you — asked to reset the password of the HelpDesk account with this email address. Choose a new password here:")
            .Link("Choose a new password", link)
            .Paragraph($"The link works once, for {Accounts.LinkLifetime.Describe(lifetime)}. Setting a new password signs the account out everywhere.")
            .Paragraph("If you did not ask for this, ignore this email: your password stays as it is."));

    /// <summary>The password changed (reset or changed while signed in): so the owner notices if it was not them.</summary>
    public void PasswordChanged(string address) =>
        QueueAccountMail(address, null, "Your HelpDesk password was changed", new MailBody()
            .Paragraph("Hello,")
            .Paragraph("The password of your HelpDesk account was just changed, and every other device was signed out.")
            .Paragraph("If this was not you, reset your password now:")
            .Link("Reset my password", $"{BaseUrl}/Account/ForgotPassword"));

    /// <summary>The subscriber asked to move the account to <paramref name="newAddress"/>: the link that proves it is theirs.</summary>
    public void ConfirmNewAddress(string newAddress, string firstName, string link, TimeSpan lifetime) =>
        QueueAccountMail(newAddress, firstName, "Confirm your new email address for HelpDesk", new MailBody()
            .Paragraph($"Hello {firstName},")
            .Paragraph("You asked to use this email address for your HelpDesk account. The change takes effect when you open this link:")
            .Link("Use this address", link)
            .Paragraph($"The link works for {Accounts.LinkLifetime.Describe(lifetime)}. If you did not ask for this, ignore this email."));

    /// <summary>Told at the old address when the account moved to a new one.</summary>
    public void AddressChanged(string oldAddress, string newAddress) =>
        QueueAccountMail(oldAddress, null, "Your HelpDesk account now uses another email address", new MailBody()
            .Paragraph("Hello,")
            .Paragraph($"Your HelpDesk account now signs in with {newAddress}; mail about your cases goes there. Every device was signed out.")
            .Paragraph("If you did not do this, reply to this email at once."));

    /// <summary>The welcome message after confirmation: how, when and where to reach support (ADR 0113).</summary>
    public void Welcome(Subscriber subscriber, IEnumerable<string> howToReachUs) =>
        QueueAccountMail(subscriber.Email, subscriber.FirstName, "Welcome to HelpDesk support", howToReachUs.Aggregate(
            new MailBody()
                .Paragraph($"Hello {subscriber.FirstName},")
                .Paragraph("Your email address is confirmed and your account is ready. Here is how to reach us:"),
            (body, line) => body.Paragraph(line))
            .Link("Your cases in the portal", $"{BaseUrl}/Portal/Cases")
            .Link("How to reach us, at any time", $"{BaseUrl}/Contact"));

    /// <summary>
    /// Someone registered with an address we already know. The web answer is the same as for a new address (so the form
    /// cannot be used to learn who has an account); the owner of the address learns here what happened.
    /// </summary>
    public void RegistrationRepeated(string address) =>
        QueueAccountMail(address, null, "Someone tried to create a HelpDesk account with your address", new MailBody()
            .Paragraph("Hello,")
            .Paragraph("Someone just tried to create a HelpDesk account with this email address, which we already know. No new account was created and nothing was changed.")
            .Paragraph("If it was you: you may already have an account. Sign in here:")
            .Link("Sign in", $"{BaseUrl}/Account/Login")
            .Paragraph("If it was not you, you can ignore this email."));

    /// <summary>
    /// An incident affecting the subscriber was declared or resolved (ADR 0115): the public text only, never an internal
    /// note; times in the subscriber's zone; a link to the status page. The caller records the recipient in the same
    /// transaction, so the mail exists exactly when that record does.
    /// </summary>
    public OutboundEmail IncidentNotice(
        Domain.Incidents.Incident incident, Domain.Incidents.IncidentUpdate update, string address, string firstName, string lastName, string? timeZone,
        string? credit = null)
    {
        var resolved = update.Kind == Domain.Incidents.IncidentUpdateKind.Resolved;
        var body = new MailBody().Paragraph($"Hello {firstName},");
        if (resolved)
        {
            body.Paragraph($"The problem we told you about is fixed: \"{incident.Title}\".")
                .Text(update.Body)
                .Paragraph($"It lasted from {ZonedTime.ForMail(incident.StartedAt, timeZone)} to {ZonedTime.ForMail(incident.ResolvedAt ?? update.CreatedAt, timeZone)}. We are sorry for the trouble.");
            if (credit is not null)
            {
                body.Paragraph($"To make up for it we credit your account with {credit}; you can see it on your account page.");
            }
        }
        else
        {
            body.Paragraph($"We know about a problem that affects you: \"{incident.Title}\". You do not need to contact us about it.")
                .Text(update.Body)
                .Paragraph(incident.ExpectedEndAt is { } end
                    ? $"It started {ZonedTime.ForMail(incident.StartedAt, timeZone)}; we expect it to be fixed by {ZonedTime.ForMail(end, timeZone)}."
                    : $"It started {ZonedTime.ForMail(incident.StartedAt, timeZone)}; we will write again when it is fixed.");
        }

        body.Link("Follow the latest on our status page:", $"{BaseUrl}/status");
        var from = Options.Smtp.FromAddress;
        var domain = from.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? from[(at + 1)..] : "helpdesk.local";
        var email = OutboundEmail.Create(
            OutboundEmailKind.Incident, caseId: null, interactionId: null, mailboxId: null, address, $"{firstName} {lastName}".Trim(), cc: null,
            resolved ? $"Fixed: {incident.Title}" : $"We know about a problem: {incident.Title}", body.ToText(), body.ToHtml(),
            $"incident.{update.Id:N}.{Guid.NewGuid():N}@{domain}", inReplyTo: null, references: null, clock.UtcNow);
        db.OutboundEmails.Add(email);
        return email;
    }

    private void QueueAccountMail(string address, string? name, string subject, MailBody body)
    {
        if (!Options.Notifications || !IsAddress(address))
        {
            return;
        }

        var from = Options.Smtp.FromAddress;
        var domain = from.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? from[(at + 1)..] : "helpdesk.local";
        db.OutboundEmails.Add(OutboundEmail.Create(
            OutboundEmailKind.Account, caseId: null, interactionId: null, mailboxId: null, address, name, cc: null, subject, body.ToText(), body.ToHtml(),
            $"account.{Guid.NewGuid():N}@{domain}", inReplyTo: null, references: null, clock.UtcNow));
    }

    private async Task<Subscriber?> RecipientAsync(Case @case, CancellationToken cancellationToken)
    {
        if (!Options.Notifications || @case.MergedIntoId is not null)
        {
            return null;
        }

        var subscriber = @case.Subscriber ?? await db.Subscribers.FindAsync([@case.SubscriberId], cancellationToken);
        return subscriber is not null && IsAddress(subscriber.Email) ? subscriber : null;
    }

    /// <summary>Where mail to the subscriber goes: the valid Reply-To of their latest email on the case, else their address.</summary>
    private async Task<string> AddressOfAsync(Case @case, Subscriber subscriber, CancellationToken cancellationToken) =>
        await db.InboundMessages.AsNoTracking()
            .Where(m => m.CaseId == @case.Id && m.FromAddress == subscriber.Email && m.ReplyToAddress != null)
            .OrderByDescending(m => m.ReceivedAt)
            .Select(m => m.ReplyToAddress)
            .FirstOrDefaultAsync(cancellationToken) ?? subscriber.Email;

    /// <summary>A real address (never an RFC 2606 .invalid placeholder such as the unknown-sender contact).</summary>
    private static bool IsAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.IndexOf('@', StringComparison.Ordinal) is > 0 && !address.EndsWith('@')
        && !address.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);

    /// <returns>The Message-ID (without angle brackets) of the queued mail.</returns>
    private async Task<string?> QueueAsync(
        OutboundEmailKind kind, Case @case, Subscriber subscriber, Guid? interactionId, string subject, MailBody body, CancellationToken cancellationToken)
    {
        // A case this command opens is not in the database yet, so nothing there can refer to it: its thread is only
        // what this command queued, and its owner's address is the only one (three statements fewer per intake).
        var stored = db.Cases.Entry(@case).State != EntityState.Added;
        var thread = await ThreadAsync(@case.Id, stored, cancellationToken);
        var messageId = await messageIds.NewAsync(@case.Id, cancellationToken);
        var references = thread.Count == 0
            ? null
            : string.Join(' ', (thread.Count <= MaxReferences ? thread : [thread[0], .. thread.TakeLast(MaxReferences - 1)]).Select(id => $"<{id}>"));
        var to = stored ? await AddressOfAsync(@case, subscriber, cancellationToken) : subscriber.Email;
        var email = OutboundEmail.Create(
            kind, @case.Id, interactionId, mailboxId: null, to, to == subscriber.Email ? $"{subscriber.FirstName} {subscriber.LastName}".Trim() : null, cc: null,
            $"[{@case.DisplayNumber}] {subject}", body.ToText(), body.ToHtml(), messageId,
            thread.Count == 0 ? null : $"<{thread[^1]}>", references, clock.UtcNow);
        db.OutboundEmails.Add(email);
        return email.MessageId;
    }

    /// <summary>The Message-IDs already on this case's thread, oldest first: mail we queued and mail that came in.</summary>
    private async Task<List<string>> ThreadAsync(Guid caseId, bool stored, CancellationToken cancellationToken)
    {
        var sent = stored
            ? await db.OutboundEmails.AsNoTracking()
                .Where(e => e.CaseId == caseId)
                .Select(e => new { Id = e.MessageId, e.CreatedAt })
                .ToListAsync(cancellationToken)
            : [];
        var received = stored
            ? await db.Interactions.AsNoTracking()
                .Where(i => i.CaseId == caseId && i.EmailMessageId != null)
                .Select(i => new { Id = i.EmailMessageId!, i.CreatedAt })
                .ToListAsync(cancellationToken)
            : [];
        // This command's queued mail, as DbSet.Local would list it but without detecting changes first (ADR 0134).
        var queuedNow = db.ChangeTracker.WithoutDetecting<OutboundEmail>()
            .Where(e => e.State != EntityState.Deleted && e.Entity.CaseId == caseId)
            .Select(e => new { Id = e.Entity.MessageId, e.Entity.CreatedAt });
        return sent.Concat(received).Concat(queuedNow)
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A mail body built once as plain text and as simple HTML; every piece of text is HTML-encoded.</summary>
    private sealed class MailBody
    {
        private readonly List<(string Text, string? Url)> _blocks = [];

        public MailBody Paragraph(string text)
        {
            _blocks.Add((text, null));
            return this;
        }

        /// <summary>Free text (an agent's message): kept as written, paragraphs by blank lines.</summary>
        public MailBody Text(string text)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                _blocks.Add((paragraph.Trim('\n'), null));
            }

            return this;
        }

        public MailBody Link(string text, string url)
        {
            _blocks.Add((text, url));
            return this;
        }

        public string ToText() =>
            string.Join("\n\n", _blocks.Select(b => b.Url is null ? b.Text : $"{b.Text}\n{b.Url}")) + "\n";

        public string ToHtml()
        {
            var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
            foreach (var (text, url) in _blocks)
            {
                var encoded = HtmlEncoder.Default.Encode(text).Replace("&#xA;", "<br>", StringComparison.Ordinal);
                html.Append("<p>").Append(encoded);
                if (url is not null)
                {
                    var href = HtmlEncoder.Default.Encode(url);
                    html.Append("<br><a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
                }

                html.Append("</p>");
            }

            return html.Append("</body></html>").ToString();
        }
    }
}
