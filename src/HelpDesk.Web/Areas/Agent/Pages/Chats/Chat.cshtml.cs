using System.Security.Claims;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Chats;

/// <summary>
/// One chat for staff: the whole transcript (the assistant's part labelled), the subscriber's context, and for the
/// agent holding it a reply box, transfer (to an agent or a tier, with a note) and end. Works without JavaScript;
/// agent-chat.js adds live messages, typing and sending over the page's one staff connection (/hubs/agent).
/// </summary>
public sealed class ChatModel(IMediator mediator) : PageModel
{
    public ChatView? Chat { get; private set; }

    public CaseDetails? Case { get; private set; }

    /// <summary>Set for an unverified guest chat (staff only): the page warns and collapses the subscriber context.</summary>
    public GuestIdentityView? Guest { get; private set; }

    public IReadOnlyList<ListAssignees.Option> Agents { get; private set; } = [];

    /// <summary>True when the signed-in agent holds the chat: they may reply, transfer and end it.</summary>
    public bool Holding { get; private set; }

    public bool IsSupervisor => User.IsInRole(Roles.Supervisor);

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    [BindProperty]
    public TransferInput Transfer { get; set; } = new();

    /// <summary>What ending the chat does with the case (waiting for the subscriber unless the agent resolves it).</summary>
    [BindProperty]
    public ChatEndOutcome EndOutcome { get; set; } = ChatEndOutcome.WaitForSubscriber;

    public sealed class ReplyInput
    {
        public string? Text { get; set; }

        /// <summary>Generated with the form: a double submit sends the message once.</summary>
        public Guid ClientMessageId { get; set; }
    }

    public sealed class TransferInput
    {
        /// <summary><c>agent:{id}</c> or <c>tier:{Tier}</c>.</summary>
        public string? Target { get; set; }

        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Reply.ClientMessageId = Guid.NewGuid();
        return await LoadAsync(id);
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id)
    {
        try
        {
            await mediator.Send(new SendAgentChatMessage.Command(id, Reply.ClientMessageId == Guid.Empty ? Guid.NewGuid() : Reply.ClientMessageId, Reply.Text ?? string.Empty));
            return Redirect(Url.Page("Chat", new { id }) + "#reply-heading");
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Reply)))
        {
            return await LoadAsync(id);
        }
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id)
    {
        try
        {
            var chat = await mediator.Send(new AcceptChat.Command(id));
            TempData["Flash"] = $"You accepted the chat with {chat.DisplayName}.";
            return RedirectToPage("Chat", new { id });
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            Reply.ClientMessageId = Guid.NewGuid();
            return await LoadAsync(id);
        }
    }

    public async Task<IActionResult> OnPostTransferAsync(Guid id)
    {
        Guid? toAgent = null;
        AgentTier? toTier = null;
        var target = Transfer.Target ?? string.Empty;
        if (target.StartsWith("agent:", StringComparison.Ordinal) && Guid.TryParse(target["agent:".Length..], out var agentId))
        {
            toAgent = agentId;
        }
        else if (target.StartsWith("tier:", StringComparison.Ordinal) && Enum.TryParse<AgentTier>(target["tier:".Length..], out var tier))
        {
            toTier = tier;
        }
        else
        {
            ModelState.AddModelError("Transfer.Target", "Choose an agent or a tier to transfer the chat to.");
            Reply.ClientMessageId = Guid.NewGuid();
            return await LoadAsync(id);
        }

        try
        {
            var chat = await mediator.Send(new TransferChat.Command(id, toAgent, toTier, Transfer.Note ?? string.Empty));
            TempData["Flash"] = chat.AgentName is { } name && toAgent is not null
                ? $"The chat is now with {name}."
                : $"The chat is back in the {toTier} chat queue.";
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (IsAccessDenial(ex) && ex is NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Transfer)))
        {
            Reply.ClientMessageId = Guid.NewGuid();
            return await LoadAsync(id);
        }
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id)
    {
        try
        {
            await mediator.Send(new EndChat.StaffCommand(id, EndOutcome));
            TempData["Flash"] = EndOutcome == ChatEndOutcome.Resolve
                ? "The chat has ended and the case is resolved. The transcript is on the case."
                : "The chat has ended; the case waits for the subscriber. The transcript is on the case.";
            return RedirectToPage("Chat", new { id });
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            Reply.ClientMessageId = Guid.NewGuid();
            return await LoadAsync(id);
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        try
        {
            Chat = await mediator.Send(new GetChat.StaffQuery(id), HttpContext.RequestAborted);
            // Staff only ever reach chats that have a case (one opens with the subscriber's first message).
            var caseId = Chat.CaseId ?? throw ChatAccess.NotFound(id);
            Case = await mediator.Send(new GetCase.Query(caseId), HttpContext.RequestAborted);
            Guest = Chat.IsGuest ? await mediator.Send(new GetGuestIdentity.Query(caseId, Chat.Id), HttpContext.RequestAborted) : null;
            var me = Guid.TryParse(User.FindFirstValue(HelpDeskClaims.AgentId), out var agentId) ? agentId : (Guid?)null;
            Holding = Chat.State == ChatState.WithAgent && Chat.AgentId == me;
            if (Holding || (IsSupervisor && Chat.State == ChatState.WithAgent))
            {
                Agents = (await mediator.Send(new ListAssignees.Query(caseId), HttpContext.RequestAborted)).Where(a => a.Id != Chat.AgentId).ToList();
            }

            return Page();
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
    }

    private static bool IsAccessDenial(Exception ex) => ex is NotFoundException or ForbiddenException;
}
