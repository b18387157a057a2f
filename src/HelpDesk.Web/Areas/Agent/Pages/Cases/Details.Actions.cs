using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>The case actions (_CaseActions.cshtml): status, priority, category, assignment, follow-ups, merge.</summary>
public sealed partial class DetailsModel
{
    /// <summary>Staff the case can be given to (empty for a closed case).</summary>
    public IReadOnlyList<ListAssignees.Option> Assignees { get; private set; } = [];

    [BindProperty]
    public StatusInput SetStatus { get; set; } = new();

    [BindProperty]
    public PriorityInput SetPriority { get; set; } = new();

    [BindProperty]
    public CategoryInput SetCategory { get; set; } = new();

    [BindProperty]
    public AssignInput Assign { get; set; } = new();

    [BindProperty]
    public FollowUpInput FollowUp { get; set; } = new();

    [BindProperty]
    public MergeInput Merge { get; set; } = new();

    public sealed class StatusInput
    {
        public string? Status { get; set; }
    }

    public sealed class PriorityInput
    {
        public string? Priority { get; set; }
    }

    public sealed class CategoryInput
    {
        public string? Category { get; set; }
    }

    public sealed class AssignInput
    {
        public Guid? AssigneeId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class FollowUpInput
    {
        /// <summary>From a <c>datetime-local</c> field: a wall-clock time in the viewer's zone.</summary>
        public DateTime? DueAt { get; set; }
        public string? Note { get; set; }
        public Guid FollowUpId { get; set; }

        /// <summary>Generated when the form is rendered, so a second click records one promise.</summary>
        public Guid RequestId { get; set; }
    }

    public sealed class MergeInput
    {
        public string? Into { get; set; }
        public bool Confirm { get; set; }
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id) => ActAsync(id, nameof(SetStatus), async () =>
    {
        var state = await mediator.Send(new ChangeCaseStatus.Command(id, SetStatus.Status ?? string.Empty), HttpContext.RequestAborted);
        return Done(id, $"Case {state.Number} is now {CaseLifecycle.Label(state.Status)}.");
    });

    public Task<IActionResult> OnPostPriorityAsync(Guid id) => ActAsync(id, nameof(SetPriority), async () =>
    {
        var state = await mediator.Send(new ChangeCasePriority.Command(id, SetPriority.Priority ?? string.Empty), HttpContext.RequestAborted);
        return Done(id, $"Priority is now {state.Priority}.");
    });

    public Task<IActionResult> OnPostCategoryAsync(Guid id) => ActAsync(id, nameof(SetCategory), async () =>
    {
        var state = await mediator.Send(new ChangeCaseCategory.Command(id, SetCategory.Category ?? string.Empty), HttpContext.RequestAborted);
        var flash = $"Category is now {CaseCategories.Label(state.Category)}. The case is in {state.Queue} ({state.Tier}) at {state.Priority} priority.";

        // A sensitive case may now be above the agent's tier: back to the queues rather than a refused page.
        return state.CanWork ? Done(id, flash) : Away(flash + " It is no longer yours to work.");
    });

    public Task<IActionResult> OnPostAssignAsync(Guid id) => ActAsync(id, nameof(Assign), async () =>
    {
        var state = await mediator.Send(new AssignCase.Command(id, Assign.AssigneeId, Assign.Reason), HttpContext.RequestAborted);
        return Done(id, state.AssigneeName is { } name ? $"Case {state.Number} is now with {name}." : $"Case {state.Number} is back in the {state.Queue} queue.");
    });

    public Task<IActionResult> OnPostFollowUpAsync(Guid id, [FromServices] ViewerTime time, [FromServices] IStringLocalizer<SharedResource> localizer) =>
        ActAsync(id, nameof(FollowUp), async () =>
    {
        if (!LocalInput.TryToUtc(FollowUp.DueAt, time, ModelState, $"{nameof(FollowUp)}.{nameof(FollowUpInput.DueAt)}", localizer, out var dueAt))
        {
            return await LoadAsync(id);
        }

        var due = dueAt ?? default;
        var promise = await mediator.Send(new PromiseFollowUp.Command(id, due, FollowUp.Note, FollowUp.RequestId == Guid.Empty ? null : FollowUp.RequestId), HttpContext.RequestAborted);
        return Done(id, $"Follow-up promised for {time.Format(promise.DueAt)}.");
    });

    public Task<IActionResult> OnPostCancelFollowUpAsync(Guid id) => ActAsync(id, nameof(FollowUp), async () =>
    {
        await mediator.Send(new CancelFollowUp.Command(id, FollowUp.FollowUpId), HttpContext.RequestAborted);
        return Done(id, "Follow-up withdrawn.");
    });

    public Task<IActionResult> OnPostMergeAsync(Guid id) => ActAsync(id, nameof(Merge), async () =>
    {
        if (!Merge.Confirm)
        {
            ModelState.AddModelError($"{nameof(Merge)}.{nameof(MergeInput.Confirm)}", "Tick the box to confirm: a merge cannot be undone.");
            return await LoadAsync(id);
        }

        var result = await mediator.Send(new MergeCases.Command(id, Merge.Into ?? string.Empty), HttpContext.RequestAborted);
        return Done(result.SurvivorId, $"Case {result.MergedNumber} was merged into {result.SurvivorNumber}.");
    });

    private void LoadActions(IReadOnlyList<ListAssignees.Option> assignees)
    {
        if (Case is not { Status: not CaseStatus.Closed } c)
        {
            return;
        }

        Assignees = assignees;
        if (FollowUp.RequestId == Guid.Empty)
        {
            FollowUp.RequestId = Guid.NewGuid();
        }

        SetPriority.Priority ??= c.Priority.ToString();
        SetCategory.Category ??= c.Category.ToString();
        Assign.AssigneeId ??= Assignees.FirstOrDefault(a => a.IsCurrent)?.Id;
    }

    private RedirectToPageResult Done(Guid id, string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage("Details", new { id });
    }

    private RedirectToPageResult Away(string flash)
    {
        TempData["Flash"] = flash;
        return RedirectToPage("/Index");
    }

    /// <summary>Runs one action; refusals are shown next to that action's form, success redirects (PRG).</summary>
    private async Task<IActionResult> ActAsync(Guid id, string form, Func<Task<IActionResult>> act)
    {
        try
        {
            return await act();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (AddFormError(ex, form))
        {
            return await LoadAsync(id);
        }
    }

    /// <summary>Field errors go next to their field; a business-rule refusal goes next to the form it came from.</summary>
    private bool AddFormError(Exception ex, string form)
    {
        var errors = new ModelStateDictionary();
        if (!errors.TryAddTo(ex, form))
        {
            return false;
        }

        foreach (var (key, entry) in errors)
        {
            foreach (var error in entry.Errors)
            {
                ModelState.AddModelError(key.Length == 0 ? form : key, error.ErrorMessage);
            }
        }

        return true;
    }
}
