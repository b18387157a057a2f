using System.Security.Claims;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Security;

internal static class TwoFactorGate
{
    private static readonly string[] OpenPaths =
        ["/Account/TwoFactor", "/Account/Logout", "/Error", "/css", "/js", "/lib", "/favicon.ico", "/health"];

    public static IServiceCollection AddHelpDeskTwoFactor(this IServiceCollection services)
    {
        services.AddScoped<SecondFactor>();
        services.AddSingleton<TwoFactorChallenges>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// A person whose role requires a second factor they have not set up reaches only the setup page and sign-out:
    /// pages redirect there, the API and hubs answer 403.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == TwoFactorClaims.SetupRequired)
            && !OpenPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
            {
                await Results.Problem("Your role requires two-factor sign-in. Set it up at /Account/TwoFactor first.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in must be set up").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect("/Account/TwoFactor");
            return;
        }

        await next(context);
    });

    /// <summary>Signs the person in after their second factor, in the scheme the sign-in manager is set to.</summary>
    public static async Task SignInWithSecondFactorAsync(this SignInManager<HelpDeskUser> signIn, HelpDeskUser user)
    {
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false },
            [new Claim("amr", SecondFactor.AuthenticationMethod)]);
    }
}
