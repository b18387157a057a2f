using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Staff;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Chat;
using HelpDesk.IntegrationTests.Callbacks;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Staff;

/// <summary>Issue 19: what a deactivated member of staff held goes back to the queues: live chats and claimed callbacks too.</summary>
public sealed class StaffDeactivationTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private Task<T> As<T>(TestIdentity who, Mediator.IMessage request) => Staffing.SendAsync<T>(app.Services, who, request);

    private async Task<T> As<T>(string email, Mediator.IMessage request) => await As<T>(await Demo.IdentityAsync(app.Services, email), request);

    [Fact]
    public async Task Deactivating_an_agent_hands_their_chat_and_claimed_callback_back_to_the_queue()
    {
        var agent = await Staffing.AgentAsync(app.Services, "Dee", AgentTier.Tier3, chatCapacity: 3);
        var language = "x" + (char)('a' + Random.Shared.Next(26)) + "-" + Guid.NewGuid().ToString("N")[..6];
        var started = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: language))).Chat;
        await As<ChatView>(Demo.Alice, new AskForPerson.Command(started.Id));
        (await As<ChatView>(agent, new AcceptChat.Command(started.Id))).State.ShouldBe(ChatState.WithAgent);

        var callback = await As<CallbackView>(CallbackSteps.Ivr, CallbackSteps.DueNow(app.Clock.UtcNow, Demo.Bob, "Cannot play anything"));
        for (var i = 0; i < 50; i++)
        {
            var claim = await As<ClaimNextCallback.Result>(agent, new ClaimNextCallback.Command());
            claim.Claimed.ShouldBeTrue(claim.Message);
            if (claim.Callback!.Id == callback.Id)
            {
                break;
            }

            await As<CallbackView>(agent, new RecordCallbackOutcome.Command(claim.Callback.Id, CallbackOutcome.Reached, null));
        }

        var member = await As<StaffMemberModel>(Demo.Admin, new DeactivateStaff.Command(agent.UserId!, "Left the team"));
        member.Status.ShouldBe(StaffStatus.Deactivated);

        await CallbackSteps.WithDb(app.Services, async db =>
        {
            var chat = await db.ChatConversations.AsNoTracking().SingleAsync(c => c.Id == started.Id);
            chat.AgentId.ShouldBeNull();
            chat.State.ShouldBeOneOf(ChatState.Queued, ChatState.FallbackOffered);
            (await db.ChatMessages.AnyAsync(m => m.ConversationId == started.Id && m.Text.Contains("passed to a colleague"))).ShouldBeTrue();
            var chatCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == chat.CaseId);
            chatCase.AssigneeId.ShouldBeNull();

            var call = await db.Callbacks.AsNoTracking().SingleAsync(c => c.Id == callback.Id);
            call.Status.ShouldBe(CallbackStatus.Waiting);
            call.ClaimedById.ShouldBeNull();
            (await db.Interactions.AnyAsync(i => i.CaseId == call.CaseId && i.Body.Contains("the callback is back in the queue"))).ShouldBeTrue();
            (await db.AuditEvents.AnyAsync(a => a.Action == "callback.returned_to_queue" && a.EntityId == callback.Id.ToString())).ShouldBeTrue();
            (await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agent.AgentId)).DeactivatedAt.ShouldNotBeNull();
            return 0;
        });

        // Another agent now gets the call from the queue.
        var other = await Staffing.AgentAsync(app.Services, "Eve", AgentTier.Tier3);
        var taken = false;
        for (var i = 0; i < 50 && !taken; i++)
        {
            var claim = await As<ClaimNextCallback.Result>(other, new ClaimNextCallback.Command());
            claim.Claimed.ShouldBeTrue(claim.Message);
            taken = claim.Callback!.Id == callback.Id;
            if (!taken)
            {
                await As<CallbackView>(other, new RecordCallbackOutcome.Command(claim.Callback.Id, CallbackOutcome.Reached, null));
            }
        }

        taken.ShouldBeTrue();
    }
}
