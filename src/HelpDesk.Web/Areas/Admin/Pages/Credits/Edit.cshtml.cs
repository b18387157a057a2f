using HelpDesk.Application.Credits;
using HelpDesk.Domain.Agents;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Credits;

/// <summary>
/// Edits the credit authority policy: limits per tier and currency (rows; blank rows add, "remove" drops) and the
/// reason codes each tier may use (comma-separated). Saving creates a new version.
/// </summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    private const int BlankRows = 3;

    public static readonly AgentTier[] Tiers = Enum.GetValues<AgentTier>();

    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    public int CurrentVersion { get; private set; }

    public sealed class PolicyInput
    {
        public int ExpectedVersion { get; set; }
        public List<LimitRow> Limits { get; set; } = [];

        /// <summary>Per tier (in <see cref="Tiers"/> order), comma-separated reason codes.</summary>
        public List<string?> Reasons { get; set; } = [];
    }

    public sealed class LimitRow
    {
        public AgentTier? Tier { get; set; }
        public string? Currency { get; set; }
        public decimal? MaxSingle { get; set; }
        public decimal? MaxPer30Days { get; set; }
        public bool Remove { get; set; }
    }

    public async Task OnGetAsync()
    {
        var current = await mediator.Send(new GetCreditPolicy.Query());
        CurrentVersion = current.Version;
        Input.ExpectedVersion = current.Version;
        Input.Limits = current.Limits.Select(l => new LimitRow { Tier = l.Tier, Currency = l.Currency, MaxSingle = l.MaxSingle, MaxPer30Days = l.MaxPer30Days }).ToList();
        Input.Reasons = Tiers.Select(t => (string?)string.Join(", ", current.Reasons.Where(r => r.Tier == t).Select(r => r.ReasonCode))).ToList();
        Pad();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var limits = Input.Limits
            .Where(r => !r.Remove && !(r.Tier is null && string.IsNullOrWhiteSpace(r.Currency) && r.MaxSingle is null && r.MaxPer30Days is null))
            .Select(r => new CreditLimitModel(r.Tier ?? (AgentTier)0, (r.Currency ?? string.Empty).Trim().ToUpperInvariant(), r.MaxSingle ?? -1m, r.MaxPer30Days ?? -1m))
            .ToList();
        var reasons = Tiers.Select((tier, i) => (tier, text: i < Input.Reasons.Count ? Input.Reasons[i] : null))
            .SelectMany(x => (x.text ?? string.Empty).Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).Select(code => new CreditReasonModel(x.tier, code)))
            .ToList();
        try
        {
            var saved = await mediator.Send(new ChangeCreditPolicy.Command(limits, reasons, Input.ExpectedVersion));
            TempData["Flash"] = $"Credit policy version {saved.Version} is in force.";
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            CurrentVersion = Input.ExpectedVersion;
            Pad();
            return Page();
        }
    }

    private void Pad()
    {
        for (var i = 0; i < BlankRows; i++)
        {
            Input.Limits.Add(new LimitRow());
        }

        while (Input.Reasons.Count < Tiers.Length)
        {
            Input.Reasons.Add(null);
        }
    }
}
