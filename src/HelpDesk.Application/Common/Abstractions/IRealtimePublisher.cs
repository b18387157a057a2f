using HelpDesk.Application.Common.Behaviors;

namespace HelpDesk.Application.Common.Abstractions;

/// <summary>A case whose queue view changed (claimed, opened, moved, SLA state raised...).</summary>
public sealed record CaseChange(Guid CaseId, string Queue);

/// <summary>
/// Pushes changes to connected browsers (SignalR in the web app; nothing elsewhere). Called only after the
/// command's transaction committed, so clients never see uncommitted state.
/// </summary>
public interface IRealtimePublisher
{
    Task CasesChangedAsync(IReadOnlyCollection<CaseChange> changes, CancellationToken cancellationToken);

    Task NotificationsCreatedAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken);

    /// <summary>Something in the supervisors' approvals inbox changed (a request arrived or was decided).</summary>
    Task ApprovalsChangedAsync(CancellationToken cancellationToken);
}

/// <summary>Used where nobody listens (tests of the command layer, tools).</summary>
public sealed class NullRealtimePublisher : IRealtimePublisher
{
    public Task CasesChangedAsync(IReadOnlyCollection<CaseChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NotificationsCreatedAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ApprovalsChangedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Collects what the current command changed and publishes it after the command's transaction committed (a
/// transaction participant). Features note their tracked changes before save (<c>Cases/CaseChangesToFeed</c>,
/// <c>Notifications/NotificationsToFeed</c>, ...); changes made with raw SQL (claim-next) are recorded by hand.
/// </summary>
public sealed class ChangeFeed(IRealtimePublisher publisher) : ITransactionParticipant
{
    private readonly HashSet<CaseChange> _cases = [];
    private readonly HashSet<Guid> _notifiedAgents = [];

    public IReadOnlyCollection<CaseChange> Cases => _cases;
    public IReadOnlyCollection<Guid> NotifiedAgents => _notifiedAgents;

    public void CaseChanged(Guid caseId, string queue) => _cases.Add(new CaseChange(caseId, queue));

    public void AgentNotified(Guid agentId) => _notifiedAgents.Add(agentId);

    /// <summary>True when the command added or decided something that waits in the approvals inbox.</summary>
    public bool ApprovalsChanged { get; private set; }

    public void ApprovalChanged() => ApprovalsChanged = true;

    public int Order => TransactionStage.Observe + 50;

    public async ValueTask AfterCommitAsync(CancellationToken cancellationToken)
    {
        if (_cases.Count > 0)
        {
            await publisher.CasesChangedAsync(_cases.ToList(), cancellationToken);
        }

        if (_notifiedAgents.Count > 0)
        {
            await publisher.NotificationsCreatedAsync(_notifiedAgents.ToList(), cancellationToken);
        }

        if (ApprovalsChanged)
        {
            await publisher.ApprovalsChangedAsync(cancellationToken);
        }
    }

    public void Reset()
    {
        _cases.Clear();
        _notifiedAgents.Clear();
        ApprovalsChanged = false;
    }
}
