using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Testing;
using Case = HelpDesk.Domain.Cases.Case;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Common;

/// <summary>
/// How often a command makes EF compare every tracked row with its snapshot (ADR 0134): the transaction participants
/// and the chat and email helpers look at tracked rows without it; the behavior detects once before its Observe stage
/// and <c>SaveChanges</c> once more. Each pass walks everything the command tracks (a chat's case and its timeline).
/// </summary>
public sealed class ChangeDetectionTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    /// <summary>Sends <paramref name="request"/> as <paramref name="email"/> and counts the full change-detection passes of its scope's context.</summary>
    private async Task<(TResponse Response, int Passes)> CountingPassesAs<TResponse>(string email, IMessage request)
    {
        using (TestIdentity.As(await Demo.IdentityAsync(App.Services, email)))
        {
            await using var scope = App.Services.CreateAsyncScope();
            var tracker = scope.ServiceProvider.GetRequiredService<IHelpDeskDb>().ChangeTracker;
            var passes = 0;
            tracker.DetectingAllChanges += (_, _) => passes++;
            var response = (TResponse)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send((object)request))!;
            return (response, passes);
        }
    }

    [Fact]
    public async Task A_chat_message_on_a_case_compares_the_tracked_rows_twice_and_still_lands_on_the_timeline_with_new_deadlines()
    {
        var chat = (await SendAs<StartChatResult>(Demo.Alice, new StartChat.Command(Language: "en"))).Chat;
        await SendAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "My download keeps failing"));
        var caseId = (await SendAs<ChatView>(Demo.Alice, new GetChat.Query(chat.Id))).CaseId.ShouldNotBeNull();

        var (ack, passes) = await CountingPassesAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "It stops at 40 percent"));

        // Before ADR 0134: the SLA clock, the incident linker and the chat's case look-up each detected once more (5).
        passes.ShouldBe(2, "the transaction behavior before its Observe stage, and SaveChanges");
        ack.Duplicate.ShouldBeFalse();
        var (timeline, message) = await WithDb(async db => (
            await db.Interactions.Where(i => i.CaseId == caseId).Select(i => i.Body).ToListAsync(),
            await db.ChatMessages.SingleAsync(m => m.ConversationId == chat.Id && m.Seq == ack.Seq)));
        timeline.ShouldContain("It stops at 40 percent");
        message.InteractionId.ShouldNotBeNull("the message is on the case's timeline");
        message.AuthorKind.ShouldBe(ChatAuthorKind.Subscriber);
    }

    [Fact]
    public async Task A_portal_case_is_opened_with_its_deadlines_and_acknowledgement_in_two_passes()
    {
        var (opened, passes) = await CountingPassesAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Subtitles out of sync", "Playback", "Every film, since Tuesday."));

        passes.ShouldBe(2, "the transaction behavior before its Observe stage, and SaveChanges");
        var (@case, acknowledged) = await WithDb(async db => (
            await db.Cases.AsNoTracking().SingleAsync(c => c.Id == opened.Id),
            await db.OutboundEmails.CountAsync(e => e.CaseId == opened.Id)));
        @case.ResponseDueAt.ShouldNotBeNull("the SLA clock set the deadlines before the save");
        @case.ResolutionDueAt.ShouldNotBeNull();
        acknowledged.ShouldBe(1);
    }

    [Fact]
    public async Task Rows_as_they_stand_are_listed_without_detecting_and_detection_is_on_again_afterwards()
    {
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Audio drops", "Playback", "On the TV app."));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IHelpDeskDb>();
        var @case = await db.Cases.SingleAsync(c => c.Id == opened.Id);
        @case.MoveTo(CaseStatus.PendingInternal, DateTimeOffset.UtcNow);

        var entry = db.ChangeTracker.WithoutDetecting<Case>().ShouldHaveSingleItem();
        entry.Entity.ShouldBeSameAs(@case);
        entry.State.ShouldBe(EntityState.Unchanged, "nothing compared the row with its snapshot");
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
        db.ChangeTracker.Entries<Case>().ShouldHaveSingleItem().State.ShouldBe(EntityState.Modified, "a detecting look sees the change");
    }
}
