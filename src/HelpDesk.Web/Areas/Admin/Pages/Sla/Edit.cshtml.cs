using System.Globalization;
using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Sla;

/// <summary>Edits one SLA policy: targets, warning point, time zone, weekly hours and holidays.</summary>
public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const int BlankWindows = 3;

    public static readonly (string Field, string Label)[] Targets =
        [("FirstResponse", "First response"), ("NextResponse", "Next response"), ("Resolution", "Resolution")];

    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    public CasePriority Priority { get; private set; }
    public Channel? Channel { get; private set; }

    public sealed class PolicyInput
    {
        public string Name { get; set; } = string.Empty;
        public int FirstResponseHours { get; set; }
        public int FirstResponseMinutes { get; set; }
        public int NextResponseHours { get; set; }
        public int NextResponseMinutes { get; set; }
        public int ResolutionHours { get; set; }
        public int ResolutionMinutes { get; set; }
        public int WarningPercent { get; set; }
        public string TimeZoneId { get; set; } = "UTC";
        public bool AroundTheClock { get; set; }
        public List<WindowInput> Windows { get; set; } = [];
        public List<HolidayInput> Holidays { get; set; } = [];
        public DateOnly? NewHoliday { get; set; }
    }

    public sealed class WindowInput
    {
        public DayOfWeek? Day { get; set; }
        public string? Open { get; set; }
        public string? Close { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class HolidayInput
    {
        public DateOnly Date { get; set; }
        public bool Remove { get; set; }
    }

    public int Get(string field) => (int)typeof(PolicyInput).GetProperty(field)!.GetValue(Input)!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id, fill: true))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id, fill: false))
        {
            return NotFound();
        }

        var hours = new List<HoursInput>();
        if (!Input.AroundTheClock)
        {
            for (var i = 0; i < Input.Windows.Count; i++)
            {
                var w = Input.Windows[i];
                if (w.Remove || w.Day is null)
                {
                    continue;
                }

                if (Time(w.Open) is { } open && Time(w.Close) is { } close)
                {
                    hours.Add(new HoursInput(w.Day.Value, open, close));
                }
                else
                {
                    ModelState.AddModelError("Input.Hours", localizer["Window {0}: write times as HH:MM, such as 08:30.", i + 1]);
                }
            }

            if (hours.Count == 0 && ModelState.IsValid)
            {
                ModelState.AddModelError("Input.Hours", localizer["Add at least one opening window, or choose 24/7."]);
            }
        }

        var holidays = Input.Holidays.Where(h => !h.Remove).Select(h => h.Date).ToList();
        if (Input.NewHoliday is { } added)
        {
            holidays.Add(added);
        }

        if (!ModelState.IsValid)
        {
            PadWindows();
            return Page();
        }

        try
        {
            var saved = await mediator.Send(new ChangeSlaPolicy.Command(
                id, Input.Name ?? string.Empty,
                Span(Input.FirstResponseHours, Input.FirstResponseMinutes),
                Span(Input.NextResponseHours, Input.NextResponseMinutes),
                Span(Input.ResolutionHours, Input.ResolutionMinutes),
                Input.WarningPercent, Input.TimeZoneId ?? string.Empty, hours, holidays), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Saved “{0}”. Open cases pick it up when they next change.", saved.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            PadWindows();
            return Page();
        }
    }

    private static TimeSpan Span(int hours, int minutes) => TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes);

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private async Task<bool> LoadAsync(Guid id, bool fill)
    {
        var policy = (await mediator.Send(new ListSlaPoliciesForAdmin.Query(), HttpContext.RequestAborted)).SingleOrDefault(p => p.Id == id);
        if (policy is null)
        {
            return false;
        }

        Priority = policy.Priority;
        Channel = policy.Channel;
        if (fill)
        {
            Input = new PolicyInput
            {
                Name = policy.Name,
                FirstResponseHours = (int)policy.FirstResponse.TotalHours,
                FirstResponseMinutes = policy.FirstResponse.Minutes,
                NextResponseHours = (int)policy.NextResponse.TotalHours,
                NextResponseMinutes = policy.NextResponse.Minutes,
                ResolutionHours = (int)policy.Resolution.TotalHours,
                ResolutionMinutes = policy.Resolution.Minutes,
                WarningPercent = policy.WarningPercent,
                TimeZoneId = policy.TimeZoneId,
                AroundTheClock = policy.Is24x7,
                Windows = policy.Hours.Select(h => new WindowInput
                {
                    Day = h.Day,
                    Open = h.Open.ToString("HH:mm", CultureInfo.InvariantCulture),
                    Close = h.Close.ToString("HH:mm", CultureInfo.InvariantCulture),
                }).ToList(),
                Holidays = policy.Holidays.Select(d => new HolidayInput { Date = d }).ToList(),
            };
            PadWindows();
        }

        return true;
    }

    private void PadWindows()
    {
        Input.Windows = Input.Windows.Where(w => w.Day is not null || !string.IsNullOrWhiteSpace(w.Open)).ToList();
        for (var i = 0; i < BlankWindows; i++)
        {
            Input.Windows.Add(new WindowInput());
        }
    }
}
