using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>A sign-in account. The subscriber or agent profile hangs off it by <c>UserId</c>.</summary>
public sealed class HelpDeskUser : IdentityUser
{
    /// <summary>Set while an administrator has deactivated this (staff) account: it cannot sign in.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
