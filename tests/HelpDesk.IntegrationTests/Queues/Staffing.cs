using System.Collections.Concurrent;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Queues;

/// <summary>The app with a publisher that remembers what was pushed to browsers.</summary>
public sealed class ClaimApp : HelpDeskAppFactory
{
    public RecordingPublisher Published { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IRealtimePublisher>();
            services.AddSingleton<IRealtimePublisher>(Published);
        });
    }
}

public sealed class RecordingPublisher : IRealtimePublisher
{
    public ConcurrentQueue<CaseChange> Cases { get; } = new();

    public Task CasesChangedAsync(IReadOnlyCollection<CaseChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            Cases.Enqueue(change);
        }

        return Task.CompletedTask;
    }

    public Task NotificationsCreatedAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken) => Task.CompletedTask;

    private int _approvalsChanged;

    /// <summary>How many commands changed the approvals inbox.</summary>
    public int ApprovalsChanged => Volatile.Read(ref _approvalsChanged);

    public Task ApprovalsChangedAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _approvalsChanged);
        return Task.CompletedTask;
    }
}

/// <summary>Creates staff, queues and cases for queue tests straight in the database.</summary>
internal static class Staffing
{
    /// <summary>A new agent with a sign-in account (no password: tests act through <see cref="TestIdentity"/>).</summary>
    public static async Task<TestIdentity> AgentAsync(
        IServiceProvider services, string firstName, AgentTier tier, int capacity = Agent.DefaultCapacity,
        IEnumerable<CaseCategory>? skills = null, IEnumerable<string>? languages = null, int? chatCapacity = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HelpDeskUser>>();
        var email = $"{firstName.ToLowerInvariant()}.{Guid.NewGuid():N}@helpdesk.test";
        var user = new HelpDeskUser { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(user)).Succeeded.ShouldBeTrue();
        var role = tier == AgentTier.Supervisor ? Roles.Supervisor : Roles.Agent;
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var agent = Agent.Create(user.Id, email, firstName, "Test", tier, "UTC", skills, languages, capacity,
            chatCapacity ?? scope.ServiceProvider.GetRequiredService<IOptions<ChatOptions>>().Value.DefaultAgentChatCapacity);
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return new TestIdentity { UserId = user.Id, Name = email, Roles = [role], AgentId = agent.Id, Tier = tier };
    }

    public static async Task<string> QueueAsync(IServiceProvider services, AgentTier tier = AgentTier.Tier1)
    {
        var name = $"Test-{Guid.NewGuid():N}"[..20];
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        db.Queues.Add(WorkQueue.Create(name, tier, "Queue for a test", 1000));
        await db.SaveChangesAsync();
        return name;
    }

    /// <summary>Opens <paramref name="count"/> cases in <paramref name="queue"/> in one save (numbers from one query).</summary>
    public static async Task<IReadOnlyList<Guid>> CasesAsync(
        IServiceProvider services, string queue, int count, string subscriberEmail = Demo.Alice, CaseCategory category = CaseCategory.Billing,
        AgentTier tier = AgentTier.Tier1)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var subscriber = await db.Subscribers.SingleAsync(s => s.Email == subscriberEmail);
        var numbers = await db.Database
            .SqlQuery<long>($"SELECT nextval('case_number_seq') AS \"Value\" FROM generate_series(1, {count})")
            .ToListAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var cases = numbers.Select((number, i) => Case.Open(
                number, subscriber, Channel.Portal, category, $"Queue test case {i}", "Something is wrong.",
                start.AddTicks(i * 10L), placement: new Placement(tier, queue, CasePriority.Normal, "test")))
            .ToList();
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync();
        return cases.Select(c => c.Id).ToList();
    }

    public static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, TestIdentity who, IMessage request)
    {
        using (TestIdentity.As(who))
        {
            await using var scope = services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            return (TResponse)(await mediator.Send((object)request))!;
        }
    }
}
