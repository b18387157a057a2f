using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Chat;

/// <summary>Chat answered only on a day that is never today (configured as in appsettings).</summary>
public sealed class ClosedChatApp : ClockedAppFactory
{
    public static readonly DayOfWeek OpenDay = (DayOfWeek)(((int)DateTime.UtcNow.AddHours(14).DayOfWeek + 3) % 7);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Chat:StaffedHours:TimeZone", "Pacific/Kiritimati");
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Days:0", OpenDay.ToString());
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Open", "09:00");
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Close", "17:00");
    }
}

public sealed class ChatStaffedHoursTests(ClosedChatApp app) : IClassFixture<ClosedChatApp>
{
    [Fact]
    public async Task Outside_staffed_hours_the_callback_or_email_is_offered_at_once_and_an_email_answer_keeps_the_case_open()
    {
        var alice = await Demo.IdentityAsync(app.Services, Demo.Alice);
        var chat = (await Staffing.SendAsync<StartChatResult>(app.Services, alice, new StartChat.Command(Language: "en"))).Chat;

        var queued = await Staffing.SendAsync<ChatView>(app.Services, alice, new AskForPerson.Command(chat.Id));

        queued.State.ShouldBe(ChatState.FallbackOffered);
        queued.FallbackReason.ShouldBe(ChatFallbackReason.OutsideStaffedHours);
        queued.Position.ShouldBe(1);
        var ended = await Staffing.SendAsync<ChatView>(app.Services, alice, new ChooseChatFallback.Command(chat.Id, ChatFallbackChoice.Email));
        ended.State.ShouldBe(ChatState.Ended);
        ended.Messages.ShouldHaveSingleItem().Text.ShouldContain("stays open");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext>();
        (await db.Cases.Where(c => c.Id == queued.CaseId).Select(c => c.Status).SingleAsync())
            .ShouldBeOneOf(HelpDesk.Domain.Cases.CaseStatus.New, HelpDesk.Domain.Cases.CaseStatus.Open);
        (await db.OutboundEmails.CountAsync(e => e.CaseId == queued.CaseId)).ShouldBe(1, "the subscriber is told the case number and when to expect the answer");
    }
}
