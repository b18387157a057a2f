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

    public async Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken) =>
        await users.FindByEmailAsync(email) is not null || await users.FindByNameAsync(email) is not null;

    public async Task<IReadOnlyList<IdentityErrorModel>> CheckNewPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var probe = new HelpDeskUser { UserName = email, Email = email };
        var errors = new List<IdentityErrorModel>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, password);
            errors.AddRange(result.Errors.Select(Map));
        }

        // The same work CreateAsync does for a new account, so the answer takes as long.
        _ = users.PasswordHasher.HashPassword(probe, password);
        return errors;
    }

    private static IdentityErrorModel Map(IdentityError error) =>
        new(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email",
            error.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this email address already exists. Sign in instead."
                : error.Description);
}
