namespace HelpDesk.Application.Common.Abstractions;

/// <summary>
/// Scoped: lets code that runs outside a request (background workers) say who the current user is for one DI scope.
/// The host's <see cref="ICurrentUser"/> registration asks it first, before the HTTP principal, so set it right after
/// creating the scope and before resolving anything that needs the user.
/// </summary>
public sealed class CurrentUserOverride
{
    public ICurrentUser? User { get; private set; }

    public void Set(ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (User is not null && !ReferenceEquals(User, user))
        {
            throw new InvalidOperationException($"This scope already acts as {User.Name}; create a new scope to act as {user.Name}.");
        }

        User = user;
    }
}
