using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>
/// The identity framework's user store, which also makes this node forget its session-check answers about a user whose
/// account row it saved (<see cref="SessionCheckCache"/>, ADR 0133): a new security stamp (sign-out everywhere, password
/// change or reset, two-factor settings, a role change), a deactivation, a deletion. The database's change notice tells
/// every node as well; this makes the node that made the change forget at once, before it answers its next request.
/// </summary>
public sealed class HelpDeskUserStore(HelpDeskDbContext context, SessionCheckCache sessionChecks, IdentityErrorDescriber? describer = null)
    : UserStore<HelpDeskUser, IdentityRole, HelpDeskDbContext>(context, describer)
{
    public override async Task<IdentityResult> UpdateAsync(HelpDeskUser user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.UpdateAsync(user, cancellationToken);
        }
        finally
        {
            sessionChecks.Forget(user.Id);
        }
    }

    public override async Task<IdentityResult> DeleteAsync(HelpDeskUser user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.DeleteAsync(user, cancellationToken);
        }
        finally
        {
            sessionChecks.Forget(user.Id);
        }
    }
}
