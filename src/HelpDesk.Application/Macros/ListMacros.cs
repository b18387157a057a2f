using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Macros;

/// <summary>The saved replies, by name. Retired ones only for supervisors who ask for them.</summary>
public static class ListMacros
{
    public sealed record Query(bool IncludeInactive = false) : IQuery<IReadOnlyList<MacroView>>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<MacroView>>
    {
        public async ValueTask<IReadOnlyList<MacroView>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.IncludeInactive && !user.IsInRole(Roles.Supervisor))
            {
                throw new ForbiddenException("Only supervisors can see retired macros.");
            }

            return await db.Macros.AsNoTracking()
                .Where(m => query.IncludeInactive || m.IsActive)
                .OrderByDescending(m => m.IsActive).ThenBy(m => m.Name)
                .Select(MacroView.Projection)
                .ToListAsync(cancellationToken);
        }
    }
}
