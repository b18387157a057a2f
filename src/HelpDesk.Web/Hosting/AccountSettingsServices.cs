using HelpDesk.Application.Accounts;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hosting;

public static class AccountSettingsServices
{
    /// <summary>Binds <c>HelpDesk:Accounts</c> and <c>HelpDesk:Support</c>, refused at start-up when unusable (ADR 0113).</summary>
    public static IServiceCollection AddAccountSettings(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateOnStart();
        services.AddOptions<SupportContactOptions>().BindConfiguration(SupportContactOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountSettingsValidation>();
        services.AddSingleton<IValidateOptions<SupportContactOptions>, AccountSettingsValidation>();
        services.AddScoped<SupportContact>();
        return services;
    }
}
