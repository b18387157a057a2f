using System.Linq.Expressions;
using HelpDesk.Domain.Macros;

namespace HelpDesk.Application.Macros;

/// <summary>A saved reply as agents and supervisors see it.</summary>
public sealed record MacroView(Guid Id, string Name, string Body, string? Explanation, bool IsActive, DateTimeOffset UpdatedAt)
{
    public static readonly Expression<Func<Macro, MacroView>> Projection =
        m => new MacroView(m.Id, m.Name, m.Body, m.Explanation, m.IsActive, m.UpdatedAt);

    private static readonly Func<Macro, MacroView> Compiled = Projection.Compile();

    public static MacroView From(Macro macro) => Compiled(macro);
}
