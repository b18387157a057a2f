using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Areas.Portal.Pages;

internal static class PortalText
{
    public static string Stage(SubscriberStage stage) => stage switch
    {
        SubscriberStage.Received => "Received",
        SubscriberStage.WithAnAgent => "With an agent",
        SubscriberStage.WaitingForYou => "Waiting for you",
        _ => "Resolved",
    };
}
