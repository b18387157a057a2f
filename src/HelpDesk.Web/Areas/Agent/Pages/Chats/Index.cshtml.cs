using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Chat;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Chats;

/// <summary>
/// The chat queue: chats waiting for a person that the agent's tier may take (queue order, wait, language, topic),
/// "Accept", and the agent's own active chats with how many subscriber messages wait for an answer.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public ChatQueueView Queue { get; private set; } = new([], 0, 0);

    /// <summary>Waiting chats in languages the agent does not speak, hidden unless <see cref="AllLanguages"/>.</summary>
    public int OtherLanguages { get; private set; }

    /// <summary><c>?languages=all</c>: show every chat the agent's tier may take, whatever its language.</summary>
    [BindProperty(SupportsGet = true, Name = "languages")]
    public string? LanguageFilter { get; set; }

    public bool AllLanguages => string.Equals(LanguageFilter, "all", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> MyLanguages { get; private set; } = [];

    public IReadOnlyList<ActiveChat> Mine { get; private set; } = [];

    /// <param name="Unanswered">Subscriber messages since the agent last wrote (or since the chat was accepted).</param>
    public sealed record ActiveChat(ChatView Chat, int Unanswered, ChatMessageView? Last);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    /// <summary>The queue and active-chat sections alone, for live refreshes (agent-chat.js).</summary>
    public async Task<IActionResult> OnGetRowsAsync()
    {
        var result = await LoadAsync();
        return result is PageResult ? Partial("_ChatQueueRows", this) : result;
    }

    /// <summary>How many chats wait that this agent may accept (the navigation badge).</summary>
    public async Task<IActionResult> OnGetCountAsync()
    {
        try
        {
            // The navigation badge's own count: one statement (GetNavigationBadges), not the whole queue.
            var badges = await mediator.Send(new HelpDesk.Application.Agents.GetNavigationBadges.Query(), HttpContext.RequestAborted);
            return new JsonResult(new { waiting = badges.ChatsWaiting });
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid chatId)
    {
        try
        {
            var chat = await mediator.Send(new AcceptChat.Command(chatId), HttpContext.RequestAborted);
            TempData["Flash"] = $"You accepted the chat with {chat.DisplayName}.";
            return RedirectToPage("Chat", new { id = chatId });
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(string.Empty, "This chat no longer exists or is not yours to see.");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        try
        {
            var queue = await mediator.Send(new ListChatQueue.Query(), HttpContext.RequestAborted);
            var scope = await mediator.Send(new GetAgentChatScope.Query(), HttpContext.RequestAborted);
            MyLanguages = scope.Languages;
            var mineFirst = queue.Chats.Where(c => scope.Speaks(c.Language)).ToList();
            OtherLanguages = queue.Chats.Count - mineFirst.Count;
            Queue = AllLanguages ? queue : queue with { Chats = mineFirst };
            var mine = await mediator.Send(new ListMyChats.Query(), HttpContext.RequestAborted);
            Mine = mine.Select(c => new ActiveChat(c, Unanswered(c.Messages), c.Messages.LastOrDefault(m => m.AuthorKind != ChatAuthorKind.System))).ToList();
            return Page();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    private static int Unanswered(IReadOnlyList<ChatMessageView> messages)
    {
        var count = 0;
        for (var i = messages.Count - 1; i >= 0 && messages[i].AuthorKind != ChatAuthorKind.Agent; i--)
        {
            if (messages[i].AuthorKind == ChatAuthorKind.Subscriber)
            {
                count++;
            }
        }

        return count;
    }
}
