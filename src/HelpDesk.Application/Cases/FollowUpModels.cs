using System.Linq.Expressions;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Cases;

/// <summary>A follow-up promise as staff and the subscriber see it.</summary>
public sealed record FollowUpView(Guid Id, Guid CaseId, DateTimeOffset DueAt, string? Note, string AgentName, FollowUpStatus Status, DateTimeOffset CreatedAt)
{
    public static readonly Expression<Func<FollowUp, FollowUpView>> Projection =
        f => new FollowUpView(f.Id, f.CaseId, f.DueAt, f.Note, f.AgentName, f.Status, f.CreatedAt);

    private static readonly Func<FollowUp, FollowUpView> Compiled = Projection.Compile();

    public static FollowUpView From(FollowUp followUp) => Compiled(followUp);
}
