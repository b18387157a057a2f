using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Macros;

/// <summary>One saved reply (retired ones only for supervisors).</summary>
public static class GetMacro
{
    public sealed record Query(Guid Id) : IQuery<MacroView>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, MacroView>
    {
        public async ValueTask<MacroView> Handle(Query query, CancellationToken cancellationToken)
        {
            var supervisor = user.IsInRole(Roles.Supervisor);
            return await db.Macros.AsNoTracking()
                .Where(m => m.Id == query.Id && (m.IsActive || supervisor))
                .Select(MacroView.Projection)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw MacroErrors.NotFound(query.Id);
        }
    }
}

internal static class MacroErrors
{
    public static NotFoundException NotFound(Guid id) => new($"Macro {id} was not found or is no longer in use.");
}
