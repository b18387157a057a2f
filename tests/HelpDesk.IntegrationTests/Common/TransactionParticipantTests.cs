using System.Collections.Concurrent;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Common;

/// <summary>
/// The transaction behavior names no feature (ADR 0118): a participant registered in DI, the way a feature registers
/// its own, runs inside the transaction before the save and after the commit, and never after a rollback.
/// </summary>
public sealed class TransactionParticipantTests(TransactionParticipantTests.ProbeAppFactory app) : IClassFixture<TransactionParticipantTests.ProbeAppFactory>
{
    private const string Marker = "Probe: ";
    private const string RollMeBack = Marker + "roll me back, please";
    private const string TouchAnother = Marker + "a derive participant touches another case";

    [Fact]
    public async Task A_registered_participant_runs_inside_the_transaction_before_save_and_after_the_commit()
    {
        app.Log.Clear();
        var opened = await Open(Marker + "participant sees the new case");

        var log = app.Log.ToList();
        log.ShouldBe(
        [
            $"before save, in transaction, case {opened} added, stored rows 0",
            $"after commit, stored rows 1",
            "reset",
        ]);
        // A feature's own participant (Cases) fed the live update, published once the case was stored.
        app.Publisher.Published.ShouldContain(opened);
    }

    [Fact]
    public async Task After_a_rollback_no_participant_publishes_and_nothing_is_stored()
    {
        app.Log.Clear();
        app.Publisher.Published.Clear();

        await Should.ThrowAsync<InvalidOperationException>(() => Open(RollMeBack));

        var log = app.Log.ToList();
        log.Count.ShouldBe(2);
        log[0].ShouldStartWith("before save, refusing case ");
        log[1].ShouldBe("reset");
        var refused = Guid.Parse(log[0]["before save, refusing case ".Length..]);
        (await StoredRows(app.Services.GetRequiredService<IConfiguration>(), RollMeBack)).ShouldBe(0);

        // The feature participants had noted the case before the probe refused; nothing of it is published, now or later.
        var next = await Open(Marker + "after the rollback");
        app.Publisher.Published.ShouldContain(next);
        app.Publisher.Published.ShouldNotContain(refused);
    }

    [Fact]
    public async Task A_row_a_derive_participant_changed_is_seen_by_the_observers_and_published()
    {
        app.Log.Clear();

        await Open(TouchAnother);

        // The read-only stages look without detecting changes again (ADR 0126): the case that only the Derive-stage probe
        // changed must still be seen as changed by the Observe stage (the live update of CaseChangesToFeed).
        var touched = app.Log.Where(l => l.StartsWith("derive touched case ", StringComparison.Ordinal)).ShouldHaveSingleItem();
        var id = Guid.Parse(touched["derive touched case ".Length..]);
        app.Publisher.Published.ShouldContain(id);
    }

    private async Task<Guid> Open(string subject)
    {
        var identity = await Demo.IdentityAsync(app.Services, Demo.Alice);
        using (TestIdentity.As(identity))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
            return (await mediator.Send(new OpenCase.Command(subject, "Playback", "Checking the transaction participants."))).Id;
        }
    }

    internal static async Task<long> StoredRows(IConfiguration configuration, string subject)
    {
        // A connection of its own: sees only what was committed.
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("HelpDesk"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM cases WHERE subject = @subject", connection);
        command.Parameters.AddWithValue("subject", subject);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What a feature would register: records what it saw at each step (and refuses one subject).</summary>
    public sealed class ProbeParticipant(ProbeLog log, IConfiguration configuration) : ITransactionParticipant
    {
        private string? _subject;

        public async ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
        {
            // Only this test's cases: the app's own workers send commands too.
            var added = db.ChangeTracker.Entries<Case>().Where(e => e.State == EntityState.Added && e.Entity.Subject.StartsWith(Marker, StringComparison.Ordinal))
                .Select(e => e.Entity).ToList();
            if (added.Count == 0)
            {
                return;
            }

            var @case = added.ShouldHaveSingleItem();
            _subject = @case.Subject;
            if (@case.Subject == RollMeBack)
            {
                log.Enqueue($"before save, refusing case {@case.Id}");
                throw new InvalidOperationException("The probe refuses this command.");
            }

            var inTransaction = db.Database.CurrentTransaction is not null ? "in transaction" : "outside any transaction";
            log.Enqueue($"before save, {inTransaction}, case {@case.Id} added, stored rows {await StoredRows(configuration, _subject)}");
        }

        public async ValueTask AfterCommitAsync(CancellationToken cancellationToken)
        {
            if (_subject is not null)
            {
                log.Enqueue($"after commit, stored rows {await StoredRows(configuration, _subject)}");
            }
        }

        public void Reset()
        {
            if (_subject is not null)
            {
                log.Enqueue("reset");
            }

            _subject = null;
        }
    }

    /// <summary>In the Derive stage (after the SLA clock): for one subject, changes another, stored case (a timeline line).</summary>
    public sealed class DeriveProbe(ProbeLog log) : ITransactionParticipant
    {
        public int Order => TransactionStage.Derive + 10;

        public async ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
        {
            var opened = db.ChangeTracker.Entries<Case>().Where(e => e.State == EntityState.Added && e.Entity.Subject == TouchAnother)
                .Select(e => e.Entity).SingleOrDefault();
            if (opened is null)
            {
                return;
            }

            var other = await db.Cases.Where(c => c.Id != opened.Id).OrderBy(c => c.CreatedAt).FirstAsync(cancellationToken);
            other.AddChatEvent("Probe: touched by a derive participant.", Visibility.Internal, DateTimeOffset.UtcNow);
            log.Enqueue($"derive touched case {other.Id}");
        }
    }

    public sealed class ProbeLog : ConcurrentQueue<string>;

    public sealed class RecordingPublisher : IRealtimePublisher
    {
        public ConcurrentBag<Guid> Published { get; } = [];

        public Task CasesChangedAsync(IReadOnlyCollection<CaseChange> changes, CancellationToken cancellationToken)
        {
            foreach (var change in changes)
            {
                Published.Add(change.CaseId);
            }

            return Task.CompletedTask;
        }

        public Task NotificationsCreatedAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ApprovalsChangedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public sealed class ProbeAppFactory : HelpDeskAppFactory
    {
        public ProbeLog Log { get; } = new();

        public RecordingPublisher Publisher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(Log);
                services.AddTransactionParticipant<ProbeParticipant>();
                services.AddTransactionParticipant<DeriveProbe>();
                services.RemoveAll<IRealtimePublisher>();
                services.AddSingleton<IRealtimePublisher>(Publisher);
            });
        }
    }
}
