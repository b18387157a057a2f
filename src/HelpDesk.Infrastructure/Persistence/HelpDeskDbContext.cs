using HelpDesk.Application.Common.Abstractions;
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
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Persistence;

public sealed class HelpDeskDbContext(DbContextOptions<HelpDeskDbContext> options)
    : IdentityDbContext<HelpDeskUser>(options), IHelpDeskDb, IDataProtectionKeyContext
{
    public const string CaseNumberSequence = "case_number_seq";

    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// The one provider setup, shared by the app and <c>dotnet ef</c>, so migrations are generated for the
    /// same naming and history table the app reads at start-up. Transient failures (the server restarting, a dropped
    /// connection) are retried by Npgsql's execution strategy: up to 5 times within about 15 s (ADR 0110).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(Tune(connectionString), npgsql => npgsql
                .MigrationsHistoryTable(MigrationsHistoryTable)
                .EnableRetryOnFailure(MaxRetryCount, MaxRetryDelay, errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention();

    public const int MaxRetryCount = 5;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Prepared statements (each connection keeps its most used statements parsed and planned) and no
    /// <c>DISCARD ALL</c> when a pooled connection is returned: the app sets no session state, and the reset
    /// would also drop the prepared statements. Values set in the connection string win.
    /// </summary>
    public static string Tune(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.ToUpperInvariant();
        if (!given.Contains("MAX AUTO PREPARE", StringComparison.Ordinal) && !given.Contains("MAXAUTOPREPARE", StringComparison.Ordinal))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NO RESET ON CLOSE", StringComparison.Ordinal) && !given.Contains("NORESETONCLOSE", StringComparison.Ordinal))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<Agent> Agents => Set<Agent>();
    public IQueryable<AgentWorkload> AgentWorkloads => Set<AgentWorkload>().AsNoTracking();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<WorkQueue> Queues => Set<WorkQueue>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Macro> Macros => Set<Macro>();
    public DbSet<SubscriberDevice> SubscriberDevices => Set<SubscriberDevice>();
    public DbSet<SubscriberPayment> SubscriberPayments => Set<SubscriberPayment>();
    public DbSet<CreditEntry> CreditEntries => Set<CreditEntry>();
    public DbSet<CreditRequest> CreditRequests => Set<CreditRequest>();
    public DbSet<CreditAuthorityPolicy> CreditAuthorityPolicies => Set<CreditAuthorityPolicy>();
    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<CaseParticipant> CaseParticipants => Set<CaseParticipant>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();
    public DbSet<EscalationRequest> EscalationRequests => Set<EscalationRequest>();
    public DbSet<CallbackRequest> Callbacks => Set<CallbackRequest>();
    public DbSet<CallbackAttempt> CallbackAttempts => Set<CallbackAttempt>();
    public DbSet<CallEvent> CallEvents => Set<CallEvent>();
    public DbSet<ChatConversation> ChatConversations => Set<ChatConversation>();
    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();
    public DbSet<Domain.Incidents.Incident> Incidents => Set<Domain.Incidents.Incident>();
    public DbSet<Domain.Incidents.IncidentUpdate> IncidentUpdates => Set<Domain.Incidents.IncidentUpdate>();
    public DbSet<Domain.Incidents.IncidentNotice> IncidentNotices => Set<Domain.Incidents.IncidentNotice>();
    public DbSet<Domain.Incidents.IncidentRecipient> IncidentRecipients => Set<Domain.Incidents.IncidentRecipient>();
    public DbSet<Domain.Incidents.IncidentCase> IncidentCases => Set<Domain.Incidents.IncidentCase>();
    public DbSet<Domain.Incidents.IncidentBroadcast> IncidentBroadcasts => Set<Domain.Incidents.IncidentBroadcast>();
    public DbSet<Domain.Incidents.IncidentBroadcastCase> IncidentBroadcastCases => Set<Domain.Incidents.IncidentBroadcastCase>();
    public DbSet<Domain.Incidents.IncidentCreditRun> IncidentCreditRuns => Set<Domain.Incidents.IncidentCreditRun>();
    public DbSet<PendingRegistration> PendingRegistrations => Set<PendingRegistration>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<HelpDesk.Domain.Staff.StaffInvitation> StaffInvitations => Set<HelpDesk.Domain.Staff.StaffInvitation>();

    public async Task<long> NextCaseNumberAsync(CancellationToken cancellationToken) =>
        await Database.SqlQueryRaw<long>($"SELECT nextval('{CaseNumberSequence}') AS \"Value\"").SingleAsync(cancellationToken);

    public async Task<(long Number, long ReferenceVersion)> NextCaseNumberAndReferenceVersionAsync(CancellationToken cancellationToken)
    {
        var row = await Database.SqlQueryRaw<NumberAndVersion>(
                $"SELECT nextval('{CaseNumberSequence}') AS number, version FROM reference_data_version")
            .SingleAsync(cancellationToken);
        return (row.Number, row.Version);
    }

    /// <summary>The row of <see cref="NextCaseNumberAndReferenceVersionAsync"/> (columns by the snake-case convention).</summary>
    private sealed class NumberAndVersion
    {
        public long Number { get; init; }

        public long Version { get; init; }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasSequence<long>(CaseNumberSequence).StartsAt(1).IncrementsBy(1);
        builder.ApplyConfigurationsFromAssembly(typeof(HelpDeskDbContext).Assembly);
        KeysAreMadeByTheApp(builder);
    }

    /// <summary>
    /// Every Guid key of ours is made by the entity itself (<c>Guid.CreateVersion7()</c>), never by EF or the database. Saying
    /// so lets EF insert a child that was only added to a tracked aggregate (a reply appended to a case's timeline):
    /// with a "generated" key that is already set EF would take the child for an existing row and update it (ADR 0118).
    /// </summary>
    private static void KeysAreMadeByTheApp(ModelBuilder builder)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("HelpDesk.", StringComparison.Ordinal) == true))
        {
            if (entityType.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
