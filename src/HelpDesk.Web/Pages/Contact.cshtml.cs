using HelpDesk.Application.Accounts;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Web.Pages.Shared;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HelpDesk.Web.Pages;

/// <summary>"Contact us", for anyone: the same text as the welcome page (ADR 0113).</summary>
[AllowAnonymous]
[OutputCache(PolicyName = Hosting.PublicPageCache.ContactPolicy)]
public sealed class ContactModel(SupportContact support, ViewerTime viewer, IClock clock) : PageModel
{
    public HowToReachUs Reach { get; private set; } = null!;

    public void OnGet() => Reach = HowToReachUs.For(support, viewer, clock);
}
