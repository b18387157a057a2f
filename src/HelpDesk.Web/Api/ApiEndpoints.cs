using HelpDesk.Web.Security;

namespace HelpDesk.Web.Api;

internal static class ApiEndpoints
{
    public static void MapHelpDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api).RefuseControlCharacters();
        api.MapAuthEndpoints();
        TwoFactorLogin.Map(api);
        api.MapStaffEndpoints();
        api.MapCaseEndpoints();
        api.MapAuditEndpoints();
        api.MapMacroEndpoints();
        api.MapNotificationEndpoints();
        api.MapSlaEndpoints();
        api.MapSearchEndpoints();
        api.MapCaseActionEndpoints();
        api.MapAdminEndpoints();
        api.MapCreditEndpoints();
        api.MapEmailEndpoints();
        api.MapEmailDeliveryEndpoints();
        api.MapEscalationEndpoints();
        api.MapCallbackEndpoints();
        api.MapChatAssistantEndpoints();
        api.MapChatEndpoints();
    }
}
