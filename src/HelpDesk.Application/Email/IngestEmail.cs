using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>
/// Stores one inbound email exactly once and decides what it does: opens a case, joins a case, or is ignored (noise
/// never opens cases nor gets replies). Threading trusts a reference or [HD-…] token only from a participant of the
/// case and only with a valid signature on our own Message-IDs; anything else opens a new case flagged suspicious.
/// </summary>
public static class IngestEmail
{
    /// <param name="RawMime">The message as received (RFC 5322).</param>
    /// <param name="Source">"api" or "imap".</param>
    /// <param name="Truncated">The caller kept only the first bytes of a message over the size limit (stored as too large).</param>
    /// <param name="OriginalSize">The size of the whole message when <paramref name="Truncated"/>.</param>
    /// <param name="Failure">Ingesting this message failed unexpectedly: store it as failed (raw kept) so it is never lost nor retried forever.</param>
    public sealed record Command(byte[] RawMime, string Source, Guid? MailboxId = null, bool Truncated = false, long? OriginalSize = null, string? Failure = null)
        : ICommand<Result>, IRequireSystem;

    /// <param name="Duplicate">True when this message had been stored before; the outcome is the first one.</param>
    /// <param name="ReusedMessageId">A different message had been stored with the same Message-ID; this one is its own message.</param>
    public sealed record Result(
        Guid InboundEmailId, string MessageId, InboundOutcome Outcome, string Reason, Guid? CaseId, string? CaseNumber,
        bool Suspicious, bool Duplicate, EmailParseRefusal? Refusal = null, bool ReusedMessageId = false);

    /// <summary>The unverified contact of messages that name no sender address at all (RFC 2606 .invalid: never mailed).</summary>
    public const string UnknownSender = "unknown-sender@helpdesk.invalid";

    /// <summary>Whitespace runs collapsed, then cut at a word boundary to at most <paramref name="max"/> characters, ending with "…".</summary>
    public static string Shorten(string value, int max)
    {
        var collapsed = string.Join(' ', value.Replace('\0', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= max)
        {
            return collapsed;
        }

        var cut = collapsed[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > max / 2)
        {
            cut = cut[..space];
        }

        return cut.TrimEnd() + "…";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RawMime).NotNull().WithMessage("The message is empty.");
            RuleFor(c => c.Failure).MaximumLength(2000);
            RuleFor(c => c.Source).NotEmpty().MaximumLength(20);
        }
    }

    public sealed class Handler(
        IHelpDeskDb db, ICurrentUser user, IClock clock, IInboundEmailParser parser, IEmailMessageIds messageIds,
        CaseRouter router, EmailThreader threader, SlaClock slaClock, IOptions<EmailInboundOptions> options, IOptions<CaseOptions> caseOptions,
        Escalations.Escalator escalator, ReferenceData reference)
        : ICommandHandler<Command, Result>
    {
        // Our mailboxes' addresses (loop check, Reply-To check, participants): the node's copy checked by version (ADR 0125).
        private async Task<IReadOnlySet<string>> OurAddressesAsync(CancellationToken cancellationToken) =>
            (await reference.GetAsync(cancellationToken)).MailboxAddresses;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var raw = command.RawMime;
            var maxBytes = options.Value.MaxMessageBytes;
            EmailParseResult parsed;
            if (command.Failure is null && !command.Truncated)
            {
                using var stream = new MemoryStream(raw, writable: false);
                parsed = await parser.ParseAsync(stream, maxBytes, cancellationToken);
            }
            else
            {
                parsed = command.Truncated
                    ? EmailParseResult.Refused(EmailParseRefusal.TooLarge, $"The message is larger than the limit of {maxBytes:N0} bytes.")
                    : EmailParseResult.Refused(EmailParseRefusal.NotMime, "The message could not be processed: " + command.Failure);
            }

            var email = parsed.Email;
            var tooLarge = parsed.Refusal == EmailParseRefusal.TooLarge;
            var headersOnly = tooLarge ? await HeadersOfAsync(raw, cancellationToken) : null;
            var known = email ?? headersOnly;
            var rawHash = Convert.ToHexStringLower(SHA256.HashData(raw));
            var messageId = known is { MessageIdIsContentHash: false } ? known.MessageId : "sha256:" + rawHash;
            var fingerprint = email?.Fingerprint is { Length: > 0 } print ? print : rawHash;
            if (command.Failure is not null)
            {
                // A message that failed once must not collide with a later successful ingest of the same bytes.
                messageId = "failed:" + rawHash;
            }

            var record = InboundMessage.Receive(
                messageId, command.Source, command.MailboxId, Fit(known?.From?.Address, Mailbox.MaxAddressLength), Fit(known?.From?.DisplayName, 200),
                known?.Subject ?? "", tooLarge ? null : raw, command.OriginalSize ?? raw.LongLength, now);

            // One delivery of a Message-ID at a time: a concurrent delivery of the same message waits here until this
            // transaction ends, then finds the committed row (a rolled-back attempt leaves nothing behind). The unique
            // index on (Message-ID, fingerprint) stays the last word.
            await db.LockUntilCommitAsync("inbound-email:" + record.MessageId, cancellationToken);

            // What is stored under this Message-ID already: a row stored before fingerprints existed (identified by the
            // Message-ID alone) first, then this very message, then a different message that reused the Message-ID.
            var earlier = await db.InboundMessages.AsNoTracking().Where(m => m.MessageId == record.MessageId)
                .OrderBy(m => m.Fingerprint == "" ? 0 : m.Fingerprint == fingerprint ? 1 : 2)
                .Select(m => new { m.Id, m.Fingerprint })
                .FirstOrDefaultAsync(cancellationToken);
            if (earlier is not null && (earlier.Fingerprint.Length == 0 || earlier.Fingerprint == fingerprint))
            {
                var first = await db.InboundMessages.AsNoTracking().SingleAsync(m => m.Id == earlier.Id, cancellationToken);
                var number = first.CaseId is { } id
                    ? await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => (long?)c.Number).SingleOrDefaultAsync(cancellationToken)
                    : null;
                return new Result(first.Id, first.MessageId, first.Outcome, first.Reason, first.CaseId,
                    number is { } n ? CaseNumber.Format(n) : null, first.Suspicious, Duplicate: true, parsed.Refusal, first.ReusedMessageId);
            }

            var reused = earlier is not null && !record.MessageId.StartsWith("sha256:", StringComparison.Ordinal);
            db.InboundMessages.Add(record);
            var replyTo = email is null ? null : await ReplyAddressAsync(email, cancellationToken);
            record.Identify(fingerprint, reused, (email?.SenderSource ?? SenderSource.None).ToString(), replyTo);

            if (email is null)
            {
                if (tooLarge)
                {
                    record.KeepTruncatedRaw(raw.Length > InboundMessage.MaxKeptRawBytes ? raw[..InboundMessage.MaxKeptRawBytes] : raw);
                }

                record.Ignore(
                    command.Failure is not null ? IgnoredReason.Failed : tooLarge ? IgnoredReason.TooLarge : IgnoredReason.NotMime,
                    parsed.RefusalReason ?? "refused");
                Audit(now, "email.refused", record, null);
                return Done(record, null, parsed.Refusal);
            }

            record.KeepContent(email.SanitizedHtmlBody, email.QuotedText);
            if (await IgnoreReasonAsync(email, cancellationToken) is { } ignored)
            {
                record.Ignore(ignored.Reason, ignored.Text);
                Audit(now, "email.ignored", record, null);
                return Done(record, null, null);
            }

            var from = email.From ?? new EmailAddress(UnknownSender, email.RawFrom is { Length: > 0 } rawFrom ? rawFrom : null);
            var sender = from.Address.Trim().ToLowerInvariant();
            var thread = await threader.ThreadAsync(email, sender, cancellationToken);
            Case @case;
            Interaction interaction;
            var opened = false;
            var body = BodyOf(email);
            if (thread.Case is { } existing)
            {
                // The threader has read the owner (tracked) to check the sender: found without another query.
                var owner = await db.Subscribers.FindAsync([existing.SubscriberId], cancellationToken)
                    ?? throw new InvalidOperationException($"The subscriber of case {existing.DisplayNumber} does not exist.");
                if (!existing.AcceptsSubscriberReplyAt(now, caseOptions.Value.ReopenWindow))
                {
                    if (existing.MergedIntoId is not null)
                    {
                        // A merged case whose survivor could not be followed: treat as new.
                        (@case, interaction) = await OpenAsync(email, sender, command.MailboxId, now, cancellationToken);
                        opened = true;
                    }
                    else
                    {
                        var number = await db.NextCaseNumberAsync(cancellationToken);
                        @case = Case.OpenFollowOn(number, existing, owner, body, now);
                        db.Cases.Add(@case);
                        interaction = @case.Interactions[0];
                        existing.AddFollowOnPointer(@case, now);
                        await AddParticipantsAsync(@case.Id, email, owner, sender, command.MailboxId, now, cancellationToken);
                        opened = true;
                    }
                }
                else
                {
                    @case = existing;
                    var statusBefore = @case.Status;
                    var reopensBefore = @case.ReopenCount;
                    interaction = sender == owner.Email
                        ? @case.AddSubscriberMessage(owner, body, now, channel: Channel.Email, reopenWindow: caseOptions.Value.ReopenWindow)
                        : @case.AddParticipantEmail(await SubscriberIdOfAsync(sender, cancellationToken), AuthorName(from), body, now);
                    await AddParticipantsAsync(@case.Id, email, owner, sender, command.MailboxId, now, cancellationToken);
                    db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.message_added", "interaction", interaction.Id.ToString(), @case.Id,
                        statusBefore != @case.Status ? AuditData.Of(("status", statusBefore.ToString(), @case.Status.ToString())) : null));
                    // A reply that reopens the case counts towards the "reopened too often" escalation rule, as in AddMessage.
                    await escalator.AfterReopenAsync(@case, reopensBefore, user.AsActor(), now, cancellationToken);
                }
            }
            else
            {
                (@case, interaction) = await OpenAsync(email, sender, command.MailboxId, now, cancellationToken);
                opened = true;
            }

            if (messageId.Length <= 400 && !email.MessageIdIsContentHash && !reused)
            {
                interaction.LinkEmail(messageId);
            }

            if (reused)
            {
                @case.AddSystemNote(
                    $"Reused Message-ID: this email carries the Message-ID <{Fit(messageId, 300)}> of an earlier, different message. It was kept as its own message; replies are never matched to another case by that id.", now);
            }

            if (email.SenderSource != SenderSource.From)
            {
                @case.AddSystemNote(email.SenderSource == SenderSource.None
                    ? $"No sender address: the From header (\"{Fit(email.RawFrom, 200)}\") names no usable address and there is no Reply-To, Sender or Return-Path. Nobody can be answered by email; no acknowledgement was sent."
                    : $"Sender taken from the {SourceName(email.SenderSource)} header: the From header (\"{Fit(email.RawFrom, 200)}\") names no usable address.", now);
            }

            if (thread.Warning is { } warning)
            {
                @case.AddSystemNote($"Suspicious reference: {warning} This message was kept apart in a new case; check the sender before sharing anything.", now);
            }

            StoreAttachments(email, @case, interaction, record, now);
            var reason = opened
                ? thread.Warning is null ? thread.Reason : "suspicious reference: " + thread.Warning
                : thread.Reason;
            if (reused)
            {
                reason = "reused Message-ID; " + reason;
            }

            record.Decide(opened ? InboundOutcome.CaseOpened : InboundOutcome.AddedToCase, reason, @case.Id, interaction.Id, thread.Warning is not null);
            Audit(now, opened ? "email.case_opened" : "email.added_to_case", record, @case.Id);

            if (opened)
            {
                await AcknowledgeAsync(record, email, @case, sender, replyTo, command.MailboxId, now, cancellationToken);
            }

            return Done(record, @case.DisplayNumber, null);
        }

        /// <summary>
        /// Staff act on an ignored message: open a case from it, or add it to <paramref name="target"/> (no threading or
        /// participant checks: a person decided). Never acknowledged. The row keeps its ignored outcome and records the case.
        /// </summary>
        internal async Task<(Case Case, Interaction Interaction)> ActOnIgnoredAsync(InboundMessage record, Case? target, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            if (record.RawMime is not { Length: > 0 } raw || record.RawTruncated)
            {
                throw new DomainRuleException("email.unreadable", "This message was not kept whole, so it cannot become a case. Download the raw message instead.");
            }

            using var stream = new MemoryStream(raw, writable: false);
            var email = (await parser.ParseAsync(stream, Math.Max(options.Value.MaxMessageBytes, raw.LongLength + 1), cancellationToken)).Email
                ?? throw new DomainRuleException("email.unreadable", "This message is not readable as email, so it cannot become a case. Download the raw message instead.");
            var from = email.From ?? new EmailAddress(UnknownSender, email.RawFrom is { Length: > 0 } rawFrom ? rawFrom : null);
            var sender = from.Address.Trim().ToLowerInvariant();
            var body = BodyOf(email);
            Case @case;
            Interaction interaction;
            if (target is null)
            {
                (@case, interaction) = await OpenAsync(email with { From = from }, sender, record.MailboxId, now, cancellationToken);
            }
            else
            {
                @case = target;
                var owner = await db.Subscribers.SingleAsync(s => s.Id == @case.SubscriberId, cancellationToken);
                interaction = sender == owner.Email
                    ? @case.AddSubscriberMessage(owner, body, now, channel: Channel.Email, reopenWindow: caseOptions.Value.ReopenWindow)
                    : @case.AddParticipantEmail(await SubscriberIdOfAsync(sender, cancellationToken), AuthorName(from), body, now);
                await AddParticipantsAsync(@case.Id, email, owner, sender, record.MailboxId, now, cancellationToken);
            }

            @case.AddSystemNote(
                $"This email had been set aside ({record.Reason}); {user.Name} {(target is null ? "made it a case" : "added it to this case")}. No acknowledgement was sent.", now);
            StoreAttachments(email, @case, interaction, record, now);
            record.Handle(@case.Id, interaction.Id, user.Name, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), target is null ? "email.ignored_made_case" : "email.ignored_added_to_case",
                "inbound_email", record.Id.ToString(), @case.Id,
                AuditData.Of(("message_id", null, record.MessageId), ("reason", null, record.IgnoredReason?.ToString()))));
            return (@case, interaction);
        }

        private static Result Done(InboundMessage record, string? number, EmailParseRefusal? refusal) =>
            new(record.Id, record.MessageId, record.Outcome, record.Reason, record.CaseId, number, record.Suspicious, Duplicate: false, refusal, record.ReusedMessageId);

        private static string SourceName(SenderSource source) => source switch
        {
            SenderSource.ReplyTo => "Reply-To",
            SenderSource.ReturnPath => "Return-Path",
            _ => source.ToString(),
        };

        /// <summary>The headers of a message too large to parse whole (From, Subject, Message-ID for the ignored-mail list).</summary>
        private async Task<InboundEmail?> HeadersOfAsync(byte[] raw, CancellationToken cancellationToken)
        {
            var prefix = raw.Length > 64 * 1024 ? raw[..(64 * 1024)] : raw;
            using var stream = new MemoryStream(prefix, writable: false);
            var result = await parser.ParseAsync(stream, prefix.Length + 1, cancellationToken);
            return result.Email;
        }

        /// <summary>A valid Reply-To (a real address, not a role sender, not one of our mailboxes), where acknowledgements and replies go.</summary>
        private async Task<string?> ReplyAddressAsync(InboundEmail email, CancellationToken cancellationToken)
        {
            var candidate = email.ReplyTo.Select(r => r.Address.Trim().ToLowerInvariant())
                .FirstOrDefault(a => a.Length <= Mailbox.MaxAddressLength && a.IndexOf('@', StringComparison.Ordinal) > 0 && !a.EndsWith('@') && !a.Any(char.IsWhiteSpace));
            if (candidate is null || RoleAddresses.IsRole(candidate) || candidate == email.From?.Address.Trim().ToLowerInvariant())
            {
                return null;
            }

            return (await OurAddressesAsync(cancellationToken)).Contains(candidate) ? null : candidate;
        }

        /// <summary>Whitespace runs collapsed, then cut at a word boundary to at most <paramref name="max"/> characters, ending with "…".</summary>
        internal static string? Fit(string? value, int max) => value is null ? null : Shorten(value, max);

        private void Audit(DateTimeOffset now, string action, InboundMessage record, Guid? caseId) =>
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), action, "inbound_email", record.Id.ToString(), caseId,
                AuditData.Of(("message_id", null, record.MessageId), ("reason", null, record.Reason))));

        /// <summary>Noise that never opens a case nor gets a reply, with the reason; null for a message to act on.</summary>
        private async Task<(IgnoredReason Reason, string Text)?> IgnoreReasonAsync(InboundEmail email, CancellationToken cancellationToken)
        {
            var kind = email.Classification.Kind;
            if (kind != InboundEmailKind.Normal)
            {
                var reason = kind switch
                {
                    InboundEmailKind.AutoReply => IgnoredReason.AutoReply,
                    InboundEmailKind.Bounce => IgnoredReason.Bounce,
                    InboundEmailKind.Bulk => IgnoredReason.Bulk,
                    _ => IgnoredReason.Unreadable,
                };
                return (reason, $"{kind}: {email.Classification.Reason}");
            }

            var ours = await OurAddressesAsync(cancellationToken);
            var sender = email.From?.Address.Trim().ToLowerInvariant();
            if (sender is not null && ours.Contains(sender))
            {
                return (IgnoredReason.Loop, "Loop: the sender is one of our own mailboxes");
            }

            if (email.XLoop.FirstOrDefault(v => ours.Any(o => v.Contains(o, StringComparison.OrdinalIgnoreCase))) is { } loop)
            {
                return (IgnoredReason.Loop, $"Loop: X-Loop names our mailbox ({loop})");
            }

            return null;
        }

        private async Task<(Case Case, Interaction First)> OpenAsync(
            InboundEmail email, string sender, Guid? mailboxId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Email == sender, cancellationToken);
            if (subscriber is null)
            {
                // An unverified contact: no sign-in account, never access to anyone's account.
                var (first, last) = sender == UnknownSender ? ("Unknown", "sender") : Names(email.From!, sender);
                subscriber = Subscriber.Create(null, sender, first, last, SubscriptionPlan.Basic, "US", "en", "UTC", "USD", now);
                db.Subscribers.Add(subscriber);
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "contact.created", "subscriber", subscriber.Id.ToString(), null,
                    AuditData.Of(("email", null, sender), ("verified", null, "false"))));
            }

            var known = await reference.GetAsync(cancellationToken);
            var mailbox = mailboxId is { } id ? known.Mailboxes.GetValueOrDefault(id) : null;
            var placement = await router.PlaceAsync(Channel.Email, CaseCategory.Other, subscriber.Language, CasePriority.Normal, cancellationToken);
            if (mailbox is not null && !string.IsNullOrWhiteSpace(mailbox.DefaultQueueKey) && placement.Rule == "default"
                && known.QueueTiers.TryGetValue(mailbox.DefaultQueueKey, out var tier))
            {
                placement = placement with { Queue = mailbox.DefaultQueueKey, Tier = tier, Rule = "mailbox " + mailbox.Name };
            }

            var number = await db.NextCaseNumberAsync(cancellationToken);
            var subject = string.IsNullOrWhiteSpace(email.Subject) ? "(no subject)" : Shorten(email.Subject, Case.MaxSubjectLength);
            var @case = Case.Open(number, subscriber, Channel.Email, CaseCategory.Other, subject,
                BodyOf(email), now, placement: placement);
            db.Cases.Add(@case);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.opened", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("channel", null, "Email"), ("queue", null, @case.Queue), ("tier", null, @case.Tier.ToString()), ("rule", null, placement.Rule))));
            await AddParticipantsAsync(@case.Id, email, subscriber, sender, mailboxId, now, cancellationToken);
            return (@case, @case.Interactions[0]);
        }

        /// <summary>The owner, the sender and everyone on To/Cc (except our own mailboxes) may write into the case by email.</summary>
        private async Task AddParticipantsAsync(
            Guid caseId, InboundEmail email, Subscriber owner, string sender, Guid? mailboxId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var ours = await OurAddressesAsync(cancellationToken);
            // A case opened in this command has no stored participants yet: nothing to read.
            var opened = db.ChangeTracker.WithoutDetecting<Case>().Any(e => e.State == EntityState.Added && e.Entity.Id == caseId);
            List<string> known = opened ? [] : await db.CaseParticipants.Where(p => p.CaseId == caseId).Select(p => p.Address).ToListAsync(cancellationToken);
            var seen = new HashSet<string>(known, StringComparer.Ordinal);
            seen.UnionWith(db.ChangeTracker.WithoutDetecting<CaseParticipant>().Where(e => e.Entity.CaseId == caseId).Select(e => e.Entity.Address));
            void Add(string address, string? name, ParticipantRole role)
            {
                var normal = address.Trim().ToLowerInvariant();
                if (normal.Length == 0 || normal.Length > Mailbox.MaxAddressLength || !normal.Contains('@', StringComparison.Ordinal) || normal == UnknownSender
                    || ours.Contains(normal) || !seen.Add(normal))
                {
                    return;
                }

                db.CaseParticipants.Add(CaseParticipant.Create(caseId, normal, name, role, now));
            }

            Add(owner.Email, owner.DisplayName, ParticipantRole.Owner);
            Add(sender, Fit(email.From?.DisplayName, 200), ParticipantRole.Copied);
            foreach (var address in email.To.Concat(email.Cc))
            {
                Add(address.Address, Fit(address.DisplayName, 200), ParticipantRole.Copied);
            }

            _ = mailboxId;
        }

        private async Task<Guid?> SubscriberIdOfAsync(string address, CancellationToken cancellationToken) =>
            await db.Subscribers.AsNoTracking().Where(s => s.Email == address).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);

        private void StoreAttachments(InboundEmail email, Case @case, Interaction interaction, InboundMessage record, DateTimeOffset now)
        {
            var rejected = new List<string>();
            foreach (var part in email.Attachments)
            {
                var reason = part.RefusedReason;
                var extension = Path.GetExtension(part.FileName ?? "").ToLowerInvariant();
                if (reason is null && extension.Length > 0 && options.Value.ForbiddenExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
                {
                    reason = $"Files of type {extension} are not accepted.";
                }

                db.CaseAttachments.Add(CaseAttachment.Create(
                    @case.Id, interaction.Id, record.Id, part.FileName ?? "attachment", part.ContentType, part.Size, part.IsInline, part.ContentId,
                    part.ServeAsDownloadOnly, reason, reason is null ? part.Content.ToArray() : [], now));
                if (reason is not null)
                {
                    rejected.Add($"{part.FileName} ({part.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes): {reason}");
                }
            }

            if (rejected.Count > 0)
            {
                @case.AddSystemNote(
                    "Attachments refused from this email (not stored): " + string.Join("; ", rejected) + " Ask the sender for another way to share them if needed.", now);
            }
        }

        /// <summary>
        /// "We received your message": case number and expected response time, at most N per address per hour, to a valid
        /// Reply-To or else the sender. Never to a message that asks for no automatic reply (X-Auto-Response-Suppress,
        /// X-Loop, List-Unsubscribe), nor to an automated or role address, nor when there is no sender address.
        /// </summary>
        private async Task AcknowledgeAsync(
            InboundMessage record, InboundEmail email, Case @case, string sender, string? replyTo, Guid? mailboxId, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (email.SenderSource == SenderSource.None)
            {
                return;
            }

            var noAutoReply = email.NoAutoReplyReason ?? (RoleAddresses.IsRole(replyTo ?? sender) ? $"automated or role sender ({replyTo ?? sender})" : null);
            if (noAutoReply is not null)
            {
                @case.AddSystemNote($"No acknowledgement sent: {Fit(noAutoReply, 300)}.", now);
                return;
            }

            var to = replyTo ?? sender;
            var since = now.AddHours(-1);
            var recent = await db.OutboundEmails.CountAsync(
                o => o.Kind == OutboundEmailKind.Acknowledgement && o.ToAddress == to && o.CreatedAt > since, cancellationToken);
            if (recent >= options.Value.AcknowledgementsPerSenderPerHour)
            {
                @case.AddSystemNote(
                    $"No acknowledgement sent to {to}: {recent} already sent in the last hour (limit {options.Value.AcknowledgementsPerSenderPerHour}).", now);
                return;
            }

            await slaClock.RefreshChangedCasesAsync(cancellationToken);
            var due = @case.ResponseDueAt is { } at
                ? $"We aim to reply by {at.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC."
                : "We will reply as soon as we can.";
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Hello {Names(email.From!, sender).First},")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"We received your message and opened case {@case.DisplayNumber}. {due}")
                .AppendLine("Reply to this email to add to your case; keep the case number in the subject.")
                .AppendLine()
                .AppendLine("This is an automatic message.")
                .ToString();
            var subject = $"[{@case.DisplayNumber}] We received your message: {@case.Subject}";
            var reference = email.MessageIdIsContentHash || email.MessageId.Length > 400 ? null : $"<{email.MessageId}>";
            var outbound = OutboundEmail.Create(
                OutboundEmailKind.Acknowledgement, @case.Id, null, mailboxId, to, to == sender ? Fit(email.From?.DisplayName, 200) : null, null,
                subject, text, null, await messageIds.NewAsync(@case.Id, cancellationToken), reference, reference, now);
            db.OutboundEmails.Add(outbound);
            record.MarkAcknowledged();
        }

        private static string BodyOf(InboundEmail email)
        {
            var text = email.TextBody.Trim();
            if (text.Length == 0)
            {
                text = email.Attachments.Count > 0 ? "(no text; see the attachments)" : "(empty message)";
            }

            return text.Length > Case.MaxBodyLength ? text[..(Case.MaxBodyLength - 1)] + "…" : text;
        }

        private static string AuthorName(EmailAddress from) =>
            Shorten(string.IsNullOrWhiteSpace(from.DisplayName) ? from.Address : from.DisplayName.Trim().Split(' ')[0], 200);

        private static (string First, string Last) Names(EmailAddress from, string sender)
        {
            var name = from.DisplayName?.Trim().Trim('"');
            if (string.IsNullOrWhiteSpace(name))
            {
                return (sender.Split('@')[0], "");
            }

            // Stored names are at most 100 characters each (a display name can be any length: never fail on one).
            name = Shorten(name, 200);
            var space = name.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (Shorten(name, 100), "") : (Shorten(name[..space], 100), Shorten(name[(space + 1)..], 100));
        }
    }
}
