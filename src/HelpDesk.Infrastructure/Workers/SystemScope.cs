using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Infrastructure.Workers;

public static class SystemScope
{
    /// <summary>
    /// A new DI scope whose requests run as the background worker <paramref name="worker"/> (role
    /// <see cref="Roles.SystemWorker"/>), so workers go through the same mediator pipeline and rules as pages and the API.
    /// </summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes, string worker)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserOverride>().Set(new SystemUser(worker));
        return scope;
    }
}
