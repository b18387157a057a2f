namespace HelpDesk.Application.Common.Abstractions;

/// <summary>Sign-in accounts (ASP.NET Core Identity behind it).</summary>
public interface IIdentityService
{
    /// <summary>Creates an account in <paramref name="role"/>; returns its id or the reasons it was refused.</summary>
    Task<IdentityResultModel> CreateUserAsync(string email, string password, string role, CancellationToken cancellationToken);

    /// <summary>Whether a sign-in account (subscriber or staff) already uses <paramref name="email"/>.</summary>
    Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// The password rules' refusals for <paramref name="password"/>, after hashing it as creating an account would:
    /// registering a known address costs the same time as registering a new one.
    /// </summary>
    Task<IReadOnlyList<IdentityErrorModel>> CheckNewPasswordAsync(string email, string password, CancellationToken cancellationToken);
}

public sealed record IdentityResultModel(string? UserId, IReadOnlyList<IdentityErrorModel> Errors)
{
    public bool Succeeded => UserId is not null && Errors.Count == 0;
}

/// <summary>A refusal, naming the field it concerns (<c>Email</c> or <c>Password</c>).</summary>
public sealed record IdentityErrorModel(string Field, string Message);
