using HelpDesk.Application.Chat.Assistant;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.ChatAssistant;

/// <summary>The virtual assistant's configured intents (read-only) and a "try a phrase" form.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<AssistantIntentModel> Intents { get; private set; } = [];

    [BindProperty]
    public string? Phrase { get; set; }

    public AssistantTryResult? Result { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTryAsync()
    {
        try
        {
            Result = await mediator.Send(new TryAssistantPhrase.Query(Phrase ?? string.Empty));
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(nameof(Phrase), error.ErrorMessage);
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Intents = await mediator.Send(new ListAssistantIntents.Query());
}
