using HelpDesk.Application.Agents;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Search;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
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

    /// <summary>The filters' choices, in their declared order (made once, not parsed from names on every view).</summary>
    public static readonly IReadOnlyList<CaseStatus> Statuses = Enum.GetValues<CaseStatus>();

    public static readonly IReadOnlyList<AgentTier> Tiers = Enum.GetValues<AgentTier>();

    public static readonly IReadOnlyList<CasePriority> Priorities = Enum.GetValues<CasePriority>();

    public static readonly IReadOnlyList<SlaStanding> SlaStandings = Enum.GetValues<SlaStanding>();

    private string? _caseLinkPrefix;

    /// <summary>
    /// The link to a case's page. Routing makes the path once per view and each row appends its id: a page lists up to
    /// 50 cases, and generating each link through routing was a measurable share of the page (ADR 0132).
    /// </summary>
    public string CaseLink(Guid id)
    {
        _caseLinkPrefix ??= CaseLinkPrefix(Url);
        return _caseLinkPrefix + id.ToString("D");
    }

    /// <summary>The case page's path up to its id ("/Agent/Cases/Details/"), from routing, so a changed route still holds.</summary>
    private static string CaseLinkPrefix(IUrlHelper url)
    {
        var sample = url.Page("/Cases/Details", new { area = "Agent", id = Guid.Empty })
            ?? throw new InvalidOperationException("The case page has no route.");
        var id = Guid.Empty.ToString("D");
        return sample.EndsWith(id, StringComparison.Ordinal)
            ? sample[..^id.Length]
            : throw new InvalidOperationException($"The case page's path '{sample}' does not end with its id.");
    }

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
