using HelpDesk.Application.Accounts;

namespace HelpDesk.Web.Hosting;

public static class AccountSettingsServices
{
    /// <summary>The support contact service; <c>HelpDesk:Accounts</c> and <c>HelpDesk:Support</c> are bound with the other Application settings (<c>AddApplicationOptions</c>, refused at start-up when unusable, ADR 0113).</summary>
    public static IServiceCollection AddAccountSettings(this IServiceCollection services)
    {
        services.AddScoped<SupportContact>();
        return services;
    }
}
