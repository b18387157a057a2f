using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>A sign-in account. The subscriber or agent profile hangs off it by <c>UserId</c>.</summary>
public sealed class HelpDeskUser : IdentityUser
{
}
