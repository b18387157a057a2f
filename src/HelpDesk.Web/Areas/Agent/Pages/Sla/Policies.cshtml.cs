using System.Globalization;
using HelpDesk.Application.Sla;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Sla;

public sealed class PoliciesModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListSlaPolicies.PolicyModel> Policies { get; private set; } = [];

    public async Task OnGetAsync() => Policies = await mediator.Send(new ListSlaPolicies.Query());

    /// <summary>"08:00–20:00"; a window closing at midnight reads "–24:00".</summary>
    public static string Window(ListSlaPolicies.HoursModel hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var close = hours.Close == TimeOnly.MinValue ? "24:00" : hours.Close.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{hours.Open.ToString("HH:mm", CultureInfo.InvariantCulture)}–{close}";
    }

    /// <summary>"1 h", "2 h 30 min", "2 days", "60 h" — targets as people say them.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.TotalHours < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");
        }

        if (span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return span.TotalDays == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days");
        }

        var hours = Math.Floor(span.TotalHours);
        return span.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{hours:0} h {span.Minutes} min");
    }
}
