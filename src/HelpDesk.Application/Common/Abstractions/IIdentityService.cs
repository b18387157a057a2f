namespace HelpDesk.Application.Common.Abstractions;

/// <summary>Sign-in accounts (ASP.NET Core Identity behind it).</summary>
public interface IIdentityService
{
    /// <summary>Creates an account in <paramref name="role"/>; returns its id or the reasons it was refused.</summary>
    Task<IdentityResultModel> CreateUserAsync(string email, string password, string role, CancellationToken cancellationToken);
}

public sealed record IdentityResultModel(string? UserId, IReadOnlyList<IdentityErrorModel> Errors)
{
    public bool Succeeded => UserId is not null && Errors.Count == 0;
}

/// <summary>A refusal, naming the field it concerns (<c>Email</c> or <c>Password</c>).</summary>
public sealed record IdentityErrorModel(string Field, string Message);
