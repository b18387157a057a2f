using System.Globalization;
using System.Security.Claims;
using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>Adds the subscriber/agent profile ids, tier, display name and time zone to the signed-in principal.</summary>
internal sealed class HelpDeskClaimsPrincipalFactory(
    UserManager<HelpDeskUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IOptions<TwoFactorOptions> twoFactor,
    HelpDeskDbContext db)
    : UserClaimsPrincipalFactory<HelpDeskUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HelpDeskUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var subscriber = await db.Subscribers.AsNoTracking().Where(s => s.UserId == user.Id)
            .Select(s => new { s.Id, s.FirstName, s.TimeZone }).SingleOrDefaultAsync();
        if (subscriber is not null)
        {
            identity.AddClaim(new Claim(HelpDeskClaims.SubscriberId, subscriber.Id.ToString()));
            identity.AddClaim(new Claim(HelpDeskClaims.DisplayName, subscriber.FirstName));
            identity.AddClaim(new Claim(HelpDeskClaims.TimeZone, subscriber.TimeZone));
        }

        if (!user.TwoFactorEnabled && twoFactor.Value.IsRequired(identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value)))
        {
            identity.AddClaim(new Claim(TwoFactorClaims.SetupRequired, "true"));
        }

        // An administrator who once worked cases keeps a work profile, deactivated: it gives no staff claims.
        var agent = await db.Agents.AsNoTracking().Where(a => a.UserId == user.Id && a.DeactivatedAt == null)
            .Select(a => new { a.Id, a.FirstName, a.Tier, a.TimeZone }).SingleOrDefaultAsync();
        if (agent is not null)
        {
            identity.AddClaim(new Claim(HelpDeskClaims.AgentId, agent.Id.ToString()));
            identity.AddClaim(new Claim(HelpDeskClaims.Tier, ((int)agent.Tier).ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(HelpDeskClaims.DisplayName, agent.FirstName));
            identity.AddClaim(new Claim(HelpDeskClaims.TimeZone, agent.TimeZone));
        }

        return identity;
    }
}
