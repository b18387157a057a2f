using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>Where an inbound message belongs: the case it continues (tracked, for the reply), or none and why.</summary>
public sealed record EmailThread(Case? Case, string Reason, string? Warning);

/// <summary>
/// Finds the case an inbound email continues, beside <see cref="Queues.CaseRouter"/> which places new ones. A reference
/// or [HD-…] token is trusted only from a participant of the case, and our own Message-IDs only with a valid signature;
/// a reference that looks like ours but does not verify is a warning on the new case it opens.
/// </summary>
public sealed class EmailThreader(IHelpDeskDb db, IEmailMessageIds messageIds)
{

    /// <summary>References first (our signed ids, then received ids), then a [HD-…] token; trusted only from a participant.</summary>
    public async Task<EmailThread> ThreadAsync(InboundEmail email, string sender, CancellationToken cancellationToken)
    {
        var references = new List<string>();
        if (email.InReplyTo is { } inReplyTo)
        {
            references.Add(inReplyTo.Trim().Trim('<', '>'));
        }

        references.AddRange(email.References.Reverse().Select(r => r.Trim().Trim('<', '>')));
        references = [.. references.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];

        string? forged = null;
        foreach (var reference in references)
        {
            if (await messageIds.TryReadCaseAsync(reference, cancellationToken) is { } signedCase)
            {
                return await TrustAsync(signedCase, null, sender, $"reply to our message <{reference}>", cancellationToken);
            }

            if (LooksLikeOurs(reference))
            {
                forged ??= reference;
                continue;
            }

            var received = await db.Interactions.AsNoTracking()
                .Where(i => i.EmailMessageId == reference)
                .Select(i => (Guid?)i.CaseId)
                .FirstOrDefaultAsync(cancellationToken);
            if (received is { } receivedCase)
            {
                return await TrustAsync(receivedCase, null, sender, $"reply to received message <{reference}>", cancellationToken);
            }
        }

        if (forged is not null)
        {
            return new EmailThread(null, "new case", $"the message referenced <{forged}>, which looks like one of our Message-IDs but its signature does not verify.");
        }

        foreach (var token in email.CaseTokens)
        {
            if (!Domain.Cases.CaseNumber.TryParse(token, out var number))
            {
                continue;
            }

            // The case itself, read by its number (no separate id look-up first).
            var tokenCase = await db.Cases.Include(c => c.FollowUps).SingleOrDefaultAsync(c => c.Number == number, cancellationToken);
            if (tokenCase is not null)
            {
                return await TrustAsync(tokenCase.Id, tokenCase, sender, $"case token [{token}] in the subject", cancellationToken);
            }
        }

        return new EmailThread(null, "new case: no known reference or case token", null);
    }

    /// <param name="loaded">The case <paramref name="caseId"/> when the caller has read it already (tracked, with its follow-ups).</param>
    private async Task<EmailThread> TrustAsync(Guid caseId, Case? loaded, string sender, string why, CancellationToken cancellationToken)
    {
        var @case = loaded ?? await db.Cases.Include(c => c.FollowUps).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        for (var hops = 0; @case?.MergedIntoId is { } survivor && hops < 10; hops++)
        {
            @case = await db.Cases.Include(c => c.FollowUps).SingleOrDefaultAsync(c => c.Id == survivor, cancellationToken);
        }

        if (@case is null)
        {
            return new EmailThread(null, "new case: the referenced case no longer exists", null);
        }

        // The owner is read tracked (the reply is written as theirs), so the handler finds them without another query; anyone
        // else must be a participant of the case or of the merged case the reference pointed at, in one look-up.
        var owner = await db.Subscribers.FindAsync([@case.SubscriberId], cancellationToken);
        var survivorId = @case.Id;
        var isParticipant = owner?.Email == sender
            || await db.CaseParticipants.AnyAsync(p => (p.CaseId == survivorId || p.CaseId == caseId) && p.Address == sender, cancellationToken);
        if (!isParticipant)
        {
            foreach (var entry in db.ChangeTracker.Entries<Case>().Where(e => ReferenceEquals(e.Entity, @case)).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return new EmailThread(null, "new case", $"the message ({why}) pointed at case {@case.DisplayNumber}, but {sender} is not a participant of that case.");
        }

        return new EmailThread(@case, why, null);
    }

    private bool LooksLikeOurs(string reference)
    {
        // Our ids are {32 hex}.{16 hex}.{32 hex}@domain; a reference of that shape whose signature failed is forged.
        var at = reference.LastIndexOf('@');
        var parts = (at > 0 ? reference[..at] : reference).Split('.');
        return parts.Length == 3 && parts[0].Length == 32 && parts[1].Length == 16 && parts[2].Length == 32
            && parts.All(p => p.All(Uri.IsHexDigit));
    }
}
