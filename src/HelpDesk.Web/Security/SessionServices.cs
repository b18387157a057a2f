using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

internal static class SessionServices
{
    /// <summary>
    /// Call after everything else that configures the cookie and bearer events (the hubs read the token from the query
    /// string first), so the session check wraps them and sees the token they found.
    /// </summary>
    public static IServiceCollection AddHelpDeskSessions(this IServiceCollection services)
    {
        services.AddScoped<SessionStore>();
        services.AddHostedService<SessionChangeListener>();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<SessionOptions>>((bearer, lifetimes) =>
        {
            bearer.BearerTokenExpiration = lifetimes.Value.AccessTokenLifetime;
            bearer.RefreshTokenExpiration = lifetimes.Value.RefreshTokenLifetime;
        });

        // The session's claim survives the periodic refresh of the cookie's other claims (tier, profile).
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(SessionClaims.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(SessionClaims.Session, session.Value));
            }

            return Task.CompletedTask;
        });

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                if (context.Principal is null || !await store.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(context.Scheme.Name);
                    return;
                }

                await validate(context);
            };
        });

        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            var received = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await received(context);
                var token = context.Token;
                if (token is null && context.Request.Headers.Authorization.ToString() is { } header
                    && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    token = header["Bearer ".Length..].Trim();
                }

                if (string.IsNullOrEmpty(token) || context.Options.BearerTokenProtector.Unprotect(token) is not { Principal: { } principal } ticket
                    || ticket.Properties.ExpiresUtc is not { } expires
                    || (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() >= expires)
                {
                    return; // unreadable or expired: the handler refuses it as it always did, without asking the database
                }

                var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                if (!await store.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
                {
                    context.Fail("This session has ended. Sign in again.");
                    return;
                }

                // Read once: the handler would decrypt the same token again.
                context.Principal = principal;
                context.Properties = ticket.Properties;
                context.Success();
            };
        });
        return services;
    }
}
