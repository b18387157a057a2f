using HelpDesk.Application.Common.Abstractions;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<HelpDeskUser> users) : IIdentityService
{
    public async Task<IdentityResultModel> CreateUserAsync(string email, string password, string role, CancellationToken cancellationToken)
    {
        var user = new HelpDeskUser { UserName = email, Email = email, EmailConfirmed = false, LockoutEnabled = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return new IdentityResultModel(null, result.Errors.Select(Map).ToList());
        }

        var roleResult = await users.AddToRoleAsync(user, role);
        return roleResult.Succeeded
            ? new IdentityResultModel(user.Id, [])
            : new IdentityResultModel(null, roleResult.Errors.Select(Map).ToList());
    }

    private static IdentityErrorModel Map(IdentityError error) =>
        new(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email",
            error.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this email address already exists. Sign in instead."
                : error.Description);
}
