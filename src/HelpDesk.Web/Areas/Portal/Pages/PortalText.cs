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

    /// <summary>A credit reason code in words ("service_outage" → "Service outage").</summary>
    public static string CreditReason(string code) =>
        string.IsNullOrEmpty(code) ? code : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
}
