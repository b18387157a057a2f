using System.Security.Claims;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>Every sign-in (cookie or bearer) starts an <see cref="AuthSession"/> and carries its id in a claim.</summary>
public sealed class HelpDeskSignInManager(
    UserManager<HelpDeskUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HelpDeskUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HelpDeskUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HelpDeskUser> confirmation,
    SessionStore sessions)
    : SignInManager<HelpDeskUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A deactivated staff account cannot sign in (password, second factor or refresh alike).</summary>
    public override async Task<bool> CanSignInAsync(HelpDeskUser user) =>
        user.DeactivatedAt is null && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(HelpDeskUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var bearer = AuthenticationScheme == IdentityConstants.BearerScheme;
        var refresh = bearer ? Guid.NewGuid() : (Guid?)null;
        var session = await sessions.StartAsync(await UserManager.GetUserIdAsync(user), AuthenticationScheme, refresh, CancellationToken.None);
        List<Claim> claims = [.. additionalClaims, new Claim(SessionClaims.Session, session.Id.ToString())];
        if (refresh is { } refreshId)
        {
            claims.Add(new Claim(SessionClaims.Refresh, refreshId.ToString()));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
