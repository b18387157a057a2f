using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>What state a message in the outbox is in, as agents see it.</summary>
public enum EmailDeliveryState
{
    /// <summary>Not tried yet (or waiting while email is not configured).</summary>
    Queued,
    Sent,

    /// <summary>At least one attempt failed; another is scheduled.</summary>
    Retrying,

    /// <summary>Gave up; an agent can retry it.</summary>
    Failed,
}

public sealed record OutboundEmailView(
    Guid Id,
    OutboundEmailKind Kind,
    string ToAddress,
    string Subject,
    EmailDeliveryState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string MessageId)
{
    public static OutboundEmailView From(OutboundEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Of(email.Id, email.Kind, email.ToAddress, email.Subject, email.Status, email.Attempts, email.CreatedAt, email.SentAt,
            email.NextAttemptAt, email.LastError, email.MessageId);
    }

    /// <summary>The same view from the outbox row's stored values (read models that do not load the entity).</summary>
    public static OutboundEmailView Of(
        Guid id, OutboundEmailKind kind, string toAddress, string subject, OutboundEmailStatus status, int attempts, DateTimeOffset createdAt,
        DateTimeOffset? sentAt, DateTimeOffset nextAttemptAt, string? lastError, string messageId)
    {
        var state = status switch
        {
            OutboundEmailStatus.Sent => EmailDeliveryState.Sent,
            OutboundEmailStatus.Failed => EmailDeliveryState.Failed,
            _ => attempts > 0 ? EmailDeliveryState.Retrying : EmailDeliveryState.Queued,
        };
        return new OutboundEmailView(id, kind, toAddress, subject, state, attempts, createdAt, sentAt,
            status == OutboundEmailStatus.Pending ? nextAttemptAt : null, lastError, messageId);
    }
}

/// <summary>The subscriber's answer to "how did we do?", when the case had a survey.</summary>
public sealed record SatisfactionView(bool Answered, int? Rating, string? Comment, DateTimeOffset? AnsweredAt);

/// <param name="EmailConfigured">False while no SMTP server is configured: queued mail waits.</param>
public sealed record CaseEmails(bool EmailConfigured, IReadOnlyList<OutboundEmailView> Emails, SatisfactionView? Satisfaction);

/// <summary>The mail the case sent (or is trying to send), newest first, and its satisfaction answer, for agents.</summary>
public static class GetCaseEmailDeliveries
{
    public sealed record Query(Guid CaseId) : IQuery<CaseEmails>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, SmtpEndpoints endpoints) : IQueryHandler<Query, CaseEmails>
    {
        public async ValueTask<CaseEmails> Handle(Query query, CancellationToken cancellationToken)
        {
            var emails = await db.OutboundEmails.AsNoTracking()
                .Where(e => e.CaseId == query.CaseId)
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .ToListAsync(cancellationToken);
            var satisfaction = await db.SatisfactionSurveys.AsNoTracking()
                .Where(s => s.CaseId == query.CaseId)
                .Select(s => new SatisfactionView(s.AnsweredAt != null, s.Rating, s.Comment, s.AnsweredAt))
                .SingleOrDefaultAsync(cancellationToken);
            return new CaseEmails(await endpoints.IsConfiguredAsync(cancellationToken), emails.Select(OutboundEmailView.From).ToList(), satisfaction);
        }
    }
}
