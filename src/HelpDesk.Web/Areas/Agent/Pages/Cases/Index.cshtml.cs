using HelpDesk.Application.Agents;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Search;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>The case list with filters, and full-text search of all cases the agent can work (<c>?q=</c>).</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Queue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Priority { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sla { get; set; }

    /// <summary>Words filter on the list (combined with the other filters).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    /// <summary>Ranked search across every case the agent may work.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public bool Searching => Request.Query.ContainsKey("q");

    public Page<CaseSummary> Cases { get; private set; } = new([], null);

    public Page<CaseSearchHit> Results { get; private set; } = new([], null);

    public IReadOnlyList<string> QueueNames { get; private set; } = [];

    public IReadOnlyList<ListAgents.AgentSummary> Agents { get; private set; } = [];

    /// <summary>Route values that keep the current filters (for the next-page link).</summary>
    public Dictionary<string, string?> FilterRoute() => new()
    {
        ["status"] = Status, ["queue"] = Queue, ["tier"] = Tier, ["priority"] = Priority,
        ["assignee"] = Assignee, ["sla"] = Sla, ["text"] = Text,
    };

    public async Task OnGetAsync()
    {
        // Both pickers in one request and one statement (ADR 0130): the same lists as ListQueues without counts and ListAgents.
        var filters = await mediator.Send(new ListCaseFilters.Query());
        (QueueNames, Agents) = (filters.QueueNames, filters.Agents);
        try
        {
            if (Searching)
            {
                Results = await mediator.Send(new SearchCases.Query(Q, Cursor));
            }
            else
            {
                Cases = await mediator.Send(new ListCases.Query(Status, Queue, Tier, Cursor, ListCases.DefaultPageSize, Priority, Assignee, Sla, Text));
            }
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, "Filter"))
        {
        }
    }
}
