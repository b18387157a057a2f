using HelpDesk.Application.Accounts;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Web.Pages.Shared;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages;

/// <summary>Where a subscriber lands after confirming their address: how, when and where to reach support (ADR 0113).</summary>
public sealed class WelcomeModel(SupportContact support, ViewerTime viewer, IClock clock) : PageModel
{
    public HowToReachUs Reach { get; private set; } = null!;

    public void OnGet() => Reach = HowToReachUs.For(support, viewer, clock);
}
