using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Escalations;
using HelpDesk.Domain.Macros;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace HelpDesk.Application.Common.Abstractions;

/// <summary>The case store as handlers see it: EF Core sets, no repository layer.</summary>
public interface IHelpDeskDb
{
    DbSet<Case> Cases { get; }
    DbSet<Interaction> Interactions { get; }
    DbSet<Subscriber> Subscribers { get; }
    DbSet<Agent> Agents { get; }

    /// <summary>Each agent's active cases, kept by the database (read only: no command writes it).</summary>
    IQueryable<AgentWorkload> AgentWorkloads { get; }

    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<FollowUp> FollowUps { get; }
    DbSet<WorkQueue> Queues { get; }
    DbSet<RoutingRule> RoutingRules { get; }
    DbSet<SlaPolicy> SlaPolicies { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<Macro> Macros { get; }
    DbSet<SubscriberDevice> SubscriberDevices { get; }
    DbSet<SubscriberPayment> SubscriberPayments { get; }
    DbSet<CreditEntry> CreditEntries { get; }
    DbSet<CreditRequest> CreditRequests { get; }
    DbSet<CreditAuthorityPolicy> CreditAuthorityPolicies { get; }
    DbSet<Mailbox> Mailboxes { get; }
    DbSet<OutboundEmail> OutboundEmails { get; }
    DbSet<InboundMessage> InboundMessages { get; }
    DbSet<CaseParticipant> CaseParticipants { get; }
    DbSet<CaseAttachment> CaseAttachments { get; }
    DbSet<SatisfactionSurvey> SatisfactionSurveys { get; }
    DbSet<EscalationRequest> EscalationRequests { get; }
    DbSet<CallbackRequest> Callbacks { get; }
    DbSet<CallbackAttempt> CallbackAttempts { get; }
    DbSet<CallEvent> CallEvents { get; }
    DbSet<ChatConversation> ChatConversations { get; }
    DbSet<ChatMessage> ChatMessages { get; }
    DbSet<Domain.Incidents.Incident> Incidents { get; }
    DbSet<Domain.Incidents.IncidentUpdate> IncidentUpdates { get; }
    DbSet<Domain.Incidents.IncidentNotice> IncidentNotices { get; }
    DbSet<Domain.Incidents.IncidentRecipient> IncidentRecipients { get; }
    DbSet<Domain.Incidents.IncidentCase> IncidentCases { get; }
    DbSet<Domain.Incidents.IncidentBroadcast> IncidentBroadcasts { get; }
    DbSet<Domain.Incidents.IncidentBroadcastCase> IncidentBroadcastCases { get; }
    DbSet<Domain.Incidents.IncidentCreditRun> IncidentCreditRuns { get; }
    DbSet<HelpDesk.Domain.Staff.StaffInvitation> StaffInvitations { get; }
    DbSet<PendingRegistration> PendingRegistrations { get; }
    ChangeTracker ChangeTracker { get; }
    DatabaseFacade Database { get; }

    /// <summary>Next public case number from a database sequence (never reused, gaps allowed).</summary>
    Task<long> NextCaseNumberAsync(CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="NextCaseNumberAsync"/> and the reference data's version (<see cref="Common.ReferenceData"/>) in one
    /// statement: a new case needs both, and each statement is a round trip (ADR 0128).
    /// </summary>
    Task<(long Number, long ReferenceVersion)> NextCaseNumberAndReferenceVersionAsync(CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
