using HelpDesk.Application.Chat;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Seeding;

/// <summary>Roles (always) and the demo accounts and cases (when asked). Safe to run on every start.</summary>
public static class DemoDataSeeder
{
    public const string DemoPassword = "Demo!2345";

    public static readonly IReadOnlyList<(string Email, string Role, string Description)> DemoAccounts =
    [
        ("alice@example.com", Roles.Subscriber, "subscriber"),
        ("bob@example.com", Roles.Subscriber, "subscriber"),
        ("agent1@helpdesk.test", Roles.Agent, "agent, Tier1"),
        ("agent2@helpdesk.test", Roles.Agent, "agent, Tier2"),
        ("agent3@helpdesk.test", Roles.Agent, "agent, Tier3"),
        ("supervisor@helpdesk.test", Roles.Supervisor, "supervisor"),
        ("admin@helpdesk.test", Roles.Admin, "admin"),
    ];

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static async Task SeedDemoDataAsync(IServiceProvider services, ILogger logger)
    {
        var db = services.GetRequiredService<HelpDeskDbContext>();
        if (await db.Subscribers.AnyAsync(s => s.Email == "alice@example.com"))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<HelpDeskUser>>();
        var now = DateTimeOffset.UtcNow;
        var chatCapacity = services.GetService<IOptions<ChatOptions>>()?.Value.DefaultAgentChatCapacity ?? Agent.DefaultChatCapacity;

        async Task<string> CreateUser(string email, string role)
        {
            var user = new HelpDeskUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
            return user.Id;
        }

        var alice = Subscriber.Create(await CreateUser("alice@example.com", Roles.Subscriber), "alice@example.com", "Alice", "Martin",
            SubscriptionPlan.Premium, "US", "en", "America/New_York", "USD", now.AddYears(-4).AddDays(-40), 22.99m);
        var bob = Subscriber.Create(await CreateUser("bob@example.com", Roles.Subscriber), "bob@example.com", "Bob", "García",
            SubscriptionPlan.Standard, "ES", "es", "Europe/Madrid", "EUR", now.AddMonths(-8), 12.99m);
        var sam = Agent.Create(await CreateUser("agent1@helpdesk.test", Roles.Agent), "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1, "Europe/London",
            [CaseCategory.Account, CaseCategory.Billing, CaseCategory.Playback, CaseCategory.Devices, CaseCategory.Content, CaseCategory.Other], ["en"], capacity: 8, chatCapacity: chatCapacity);
        var priya = Agent.Create(await CreateUser("agent2@helpdesk.test", Roles.Agent), "agent2@helpdesk.test", "Priya", "Nair", AgentTier.Tier2, "Europe/London", languages: ["en", "es"], capacity: 6, chatCapacity: chatCapacity);
        var diego = Agent.Create(await CreateUser("agent3@helpdesk.test", Roles.Agent), "agent3@helpdesk.test", "Diego", "Santos", AgentTier.Tier3, "America/Sao_Paulo", languages: ["en", "es", "pt"], capacity: 5, chatCapacity: chatCapacity);
        var maria = Agent.Create(await CreateUser("supervisor@helpdesk.test", Roles.Supervisor), "supervisor@helpdesk.test", "Maria", "Rossi", AgentTier.Supervisor, "Europe/Rome", chatCapacity: chatCapacity);
        await CreateUser("admin@helpdesk.test", Roles.Admin);
        db.Subscribers.AddRange(alice, bob);
        db.Agents.AddRange(sam, priya, diego, maria);
        db.SubscriberDevices.AddRange(
            SubscriberDevice.Create(alice.Id, DeviceKind.SmartTv, "Samsung TV (2019)", "6.4.1", now.AddHours(-3)),
            SubscriberDevice.Create(alice.Id, DeviceKind.Phone, "iPhone 15", "8.3.0", now.AddDays(-1)),
            SubscriberDevice.Create(alice.Id, DeviceKind.Browser, "Chrome on Windows", "web", now.AddDays(-6)),
            SubscriberDevice.Create(bob.Id, DeviceKind.StreamingStick, "Fire TV Stick 4K", "8.2.7", now.AddHours(-9)),
            SubscriberDevice.Create(bob.Id, DeviceKind.Tablet, "Galaxy Tab S8", "8.3.0", now.AddDays(-3)));
        for (var month = 0; month < 6; month++)
        {
            var at = now.AddMonths(-month).AddDays(-2);
            db.SubscriberPayments.Add(SubscriberPayment.Create(alice.Id, 22.99m, "USD", PaymentStatus.Paid, "Visa •••• 4242", at));
            db.SubscriberPayments.Add(SubscriberPayment.Create(bob.Id, 12.99m, "EUR",
                month == 1 ? PaymentStatus.Failed : PaymentStatus.Paid, "Mastercard •••• 5100", at.AddHours(5)));
        }

        // The duplicate charge on Alice's latest statement.
        db.SubscriberPayments.Add(SubscriberPayment.Create(alice.Id, 22.99m, "USD", PaymentStatus.Paid, "Visa •••• 4242", now.AddDays(-2).AddMinutes(3)));
        db.CreditEntries.Add(CreditEntry.Issue(alice.Id, null, 5.00m, "USD", "service_outage",
            "Outage on 14 March: four hours without streaming in the eastern US.", priya.Id, Case.AgentLabel(priya), now.AddMonths(-7)));
        db.CreditEntries.Add(CreditEntry.Issue(bob.Id, null, 3.00m, "EUR", "goodwill",
            "Failed payment retried twice by mistake.", sam.Id, Case.AgentLabel(sam), now.AddMonths(-1)));
        await db.SaveChangesAsync();

        async Task<Case> NewCase(Subscriber who, CaseCategory category, string subject, string description, TimeSpan age)
        {
            var number = await db.NextCaseNumberAsync(CancellationToken.None);
            var created = Case.Open(number, who, Channel.Portal, category, subject, description, now - age);
            db.Cases.Add(created);
            db.AuditEvents.Add(AuditEvent.Record(now - age, new Actor(who.UserId, who.Email, null), "case.opened", "case", created.Id.ToString(), created.Id));
            return created;
        }

        var buffering = await NewCase(alice, CaseCategory.Playback, "Video keeps buffering on my living-room TV",
            "Since Tuesday every episode stops to buffer after a few minutes on the Samsung TV app. My internet speed test shows 180 Mbps. Phone and laptop are fine.",
            TimeSpan.FromHours(20));
        buffering.AddAgentReply(sam, "Thanks Alice, sorry about the interruptions. Could you tell me the TV model year and whether the TV is on Wi-Fi or cable? That tells us whether this is the known Wi-Fi issue on some 2019 models.", now - TimeSpan.FromHours(18));
        buffering.AddInternalNote(sam, "Possibly the 2019 Tizen Wi-Fi firmware issue, see incident notes.", now - TimeSpan.FromHours(18));
        buffering.AddSubscriberMessage(alice, "It is a 2019 model on Wi-Fi.", now - TimeSpan.FromHours(3));

        await NewCase(alice, CaseCategory.Billing, "Charged twice this month",
            "My card statement shows two charges of $22.99 on the 3rd. I only have one account.", TimeSpan.FromHours(2));

        var signIn = await NewCase(alice, CaseCategory.Account, "Can't sign in on my new phone",
            "The app says my password is wrong but it works on the website.", TimeSpan.FromDays(12));
        signIn.AddAgentReply(sam, "Please update the app to the latest version; versions before 8.2 could not read passwords with some special characters. That is why we ask you to update first.", now - TimeSpan.FromDays(12) + TimeSpan.FromHours(1));
        signIn.AddSubscriberMessage(alice, "Updated and it works now, thank you!", now - TimeSpan.FromDays(11));
        signIn.Resolve(sam, now - TimeSpan.FromDays(11) + TimeSpan.FromMinutes(30));

        await NewCase(bob, CaseCategory.Content, "Subtitles out of sync on a series",
            "Spanish subtitles are about two seconds late in every episode of the second season.", TimeSpan.FromHours(5));
        var takeover = await NewCase(bob, CaseCategory.AccountTakeover, "Someone changed my email address",
            "I got an email saying my address was changed, and now I cannot sign in. I did not do this.", TimeSpan.FromMinutes(50));
        buffering.PromiseFollowUp(sam, now.AddHours(20), "I will check with our TV team whether a firmware fix is coming and write back.", now - TimeSpan.FromHours(2));
        takeover.AddInternalNote(diego, "Account-takeover pattern: password reset from a new country. Locked the account pending identity check.", now - TimeSpan.FromMinutes(40));

        // An open incident affecting Alice (a smart TV on app 6.4.1) and not Bob, with her buffering case linked (ADR 0115).
        var incident = Domain.Incidents.Incident.Declare(
            "Buffering on 2019 Samsung smart TVs (app 6.4.1)",
            "Videos stop to buffer every few minutes in the app on some 2019 Samsung smart TVs on Wi-Fi. Phones, tablets and browsers are not affected. We are working with Samsung on a fix.",
            Domain.Incidents.IncidentSeverity.Major,
            Domain.Incidents.IncidentScope.Create(null, null, null, [DeviceKind.SmartTv], ["6.4.1"]),
            [], now - TimeSpan.FromDays(2), now.AddDays(2), new Actor(priya.UserId, Case.AgentLabel(priya), null), now - TimeSpan.FromDays(1));
        incident.Post(Domain.Incidents.IncidentUpdateKind.InternalNote, "Tizen Wi-Fi firmware issue confirmed by Samsung; a firmware update is planned.",
            new Actor(priya.UserId, Case.AgentLabel(priya), null), now - TimeSpan.FromHours(10));
        db.Incidents.Add(incident);
        db.IncidentCases.Add(Domain.Incidents.IncidentCase.Link(incident.Id, buffering.Id, automatic: false, Case.AgentLabel(priya), now - TimeSpan.FromHours(10)));

        await services.GetRequiredService<SlaClock>().RefreshChangedCasesAsync(CancellationToken.None);
        await db.SaveChangesAsync();
        logger.LogInformation("Seeded demo data: {Subscribers} subscribers, {Agents} staff and {Cases} cases", 2, 5, 5);
    }
}
