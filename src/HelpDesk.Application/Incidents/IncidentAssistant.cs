using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>
/// The chat assistant's first word about a known problem (ADR 0115): when a signed-in subscriber's question matches an
/// open incident affecting them — the recognised topic is one of the incident's categories, or the message shares a word
/// with its title — the answer starts with the incident's public status; the rest of the answer and "Talk to a person"
/// stay. Guests are not matched (anyone can type an address), and a handoff (a sensitive topic, asking for a person) wins.
/// </summary>
public sealed class IncidentAssistant(IHelpDeskDb db, IClock clock)
{
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "from", "that", "this", "have", "does", "doesn't", "dont", "don't", "when", "what", "your", "some", "them", "they", "there",
        "issue", "issues", "problem", "problems", "working", "work", "works", "help", "please", "after", "before", "about", "will",
    };

    public async Task<AssistantReply> AnswerFirstAsync(ChatConversation chat, string text, AssistantReply reply, CancellationToken cancellationToken)
    {
        if (chat.IsGuest || reply.HandOff || string.IsNullOrWhiteSpace(text))
        {
            return reply;
        }

        var incidents = await IncidentMatching.ForSubscriberAsync(db, chat.SubscriberId, clock.UtcNow, openOnly: true, withUpdates: false, cancellationToken);
        var words = Words(text);
        var incident = incidents.FirstOrDefault(i =>
            (reply.Category is { } category && i.LinkedCategories.Contains(category)) || Words(i.Title).Overlaps(words));
        if (incident is null)
        {
            return reply;
        }

        var latest = await db.IncidentUpdates.AsNoTracking()
            .Where(u => u.IncidentId == incident.Id && u.Kind != IncidentUpdateKind.InternalNote)
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => u.Body)
            .FirstOrDefaultAsync(cancellationToken) ?? incident.Description;
        var zone = await db.Subscribers.AsNoTracking().Where(s => s.Id == chat.SubscriberId).Select(s => s.TimeZone).SingleOrDefaultAsync(cancellationToken);
        var status = $"This looks like a problem we already know about: \"{incident.Title}\". {latest}";
        status += incident.ExpectedEndAt is { } end
            ? $" We expect it to be fixed by {ZonedTime.ForMessage(end, zone)}."
            : " We will post an update as soon as we know more.";
        status += " You can follow it on our status page (/status). If you still want a person to look at it, choose \"Talk to a person\".";
        return reply with { Text = status + "\n\n" + reply.Text, OffersPerson = true };
    }

    private static HashSet<string> Words(string text) =>
        PhraseMatcher.Tokenize(text).Where(w => w.Length >= 4 && !CommonWords.Contains(w)).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
