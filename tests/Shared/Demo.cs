using HelpDesk.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Testing;

/// <summary>The seeded demo accounts, as test identities.</summary>
public static class Demo
{
    public const string Password = "Demo!2345";
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";
    public const string Agent1 = "agent1@helpdesk.test";
    public const string Agent2 = "agent2@helpdesk.test";
    public const string Agent3 = "agent3@helpdesk.test";
    public const string Supervisor = "supervisor@helpdesk.test";
    public const string Admin = "admin@helpdesk.test";

    public static async Task<TestIdentity> IdentityAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        var subscriber = await db.Subscribers.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == user.Id);
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == user.Id);
        return new TestIdentity
        {
            UserId = user.Id,
            Name = email,
            Roles = roles,
            SubscriberId = subscriber?.Id,
            AgentId = agent?.Id,
            Tier = agent?.Tier,
        };
    }
}
