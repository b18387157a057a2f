using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>
/// One sign-in (a browser's cookie, or an API client's bearer and refresh tokens). Every request checks that its
/// session is not revoked and that the user's security stamp is unchanged; sign-out revokes the session, a password
/// change (or "sign out everywhere") changes the stamp and so ends them all. For bearer sign-ins the session is also the
/// refresh-token family: only <see cref="RefreshTokenId"/> may be exchanged, once; presenting an older one revokes the
/// whole session (a stolen token was used, or the client replayed it).
/// </summary>
public sealed class AuthSession
{
    public const int MaxReasonLength = 100;

    private AuthSession()
    {
        UserId = Scheme = string.Empty;
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    /// <summary>Which sign-in made it: the cookie or the bearer scheme.</summary>
    public string Scheme { get; private set; }

    /// <summary>The one refresh token of this family that may still be exchanged (bearer sessions).</summary>
    public Guid? RefreshTokenId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RefreshedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedReason { get; private set; }

    public static AuthSession Start(string userId, string scheme, Guid? refreshTokenId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Scheme = scheme,
        RefreshTokenId = refreshTokenId,
        CreatedAt = now,
    };
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder)
    {
        builder.ToTable("auth_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        builder.Property(s => s.Scheme).HasMaxLength(64).IsRequired();
        builder.Property(s => s.RevokedReason).HasMaxLength(AuthSession.MaxReasonLength);
        builder.HasIndex(s => s.UserId);
        builder.HasOne<HelpDeskUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
