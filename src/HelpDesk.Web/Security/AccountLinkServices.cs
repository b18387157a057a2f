using HelpDesk.Application.Accounts;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

internal static class AccountLinkServices
{
    public static IServiceCollection AddAccountLinks(this IServiceCollection services)
    {
        services.AddSingleton<AccountEmailLimiter>();
        // Identity's own token providers, with the lifetimes from HelpDesk:Accounts.
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountOptions>>((o, accounts) => o.TokenLifespan = accounts.Value.PasswordResetLinkLifetime);
        services.AddOptions<ConfirmationTokenProviderOptions>().Configure<IOptions<AccountOptions>>((o, accounts) => o.TokenLifespan = accounts.Value.ConfirmationLinkLifetime);
        return services;
    }
}
