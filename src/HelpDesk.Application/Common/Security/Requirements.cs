namespace HelpDesk.Application.Common.Security;

// Every request declares who may send it. The authorization behavior refuses any request that
// declares nothing, so a new use case cannot ship unprotected by accident.

/// <summary>Anyone, signed in or not (registration, public lookups).</summary>
public interface IAllowAnonymous;

/// <summary>Any signed-in person.</summary>
public interface IRequireSignedIn;

/// <summary>Only subscribers.</summary>
public interface IRequireSubscriber;

/// <summary>Only staff who work cases (agents of any tier and supervisors).</summary>
public interface IRequireStaff;

/// <summary>Only staff at or above <see cref="MinimumTier"/> (e.g. reversing a credit: Tier 2 and up).</summary>
public interface IRequireTier
{
    HelpDesk.Domain.Agents.AgentTier MinimumTier { get; }
}

/// <summary>Only supervisors (reports, audit queries, approvals).</summary>
public interface IRequireSupervisor;

/// <summary>Only administrators (how work flows: routing rules, SLA policies, agents' work profiles).</summary>
public interface IRequireAdmin;

/// <summary>Only a background worker running as <see cref="Roles.SystemWorker"/> (never a signed-in person).</summary>
public interface IRequireSystem;

/// <summary>
/// The request touches one case: subscribers must own it (others get "not found"), staff must hold a
/// tier at or above the case's tier.
/// </summary>
public interface ICaseRequest
{
    Guid CaseId { get; }
}

/// <summary>
/// A read-only look at a case the signed-in agent held or worked before it moved above their tier
/// (<see cref="HelpDesk.Application.Cases.PreviousHolderAccess"/>); anyone else gets "not found".
/// </summary>
public interface IPreviousHolderRequest
{
    Guid CaseId { get; }
}

/// <summary>
/// The request acts in one live chat as its participant: the signed-in subscriber who started it, or whoever presents
/// its access token (a guest). Anyone else is told it does not exist.
/// </summary>
public interface IChatParticipantRequest
{
    Guid ChatId { get; }

    string? AccessToken { get; }
}

/// <summary>
/// A participant's command that is checked on the chat's row as the command's transaction locks it
/// (<c>ChatWork.LockAsync</c>) instead of by a read of its own before the transaction: one statement fewer per chat message
/// (ADR 0129). Same rule, same refusal ("not found"); a command whose handler never locked the chat fails before anything
/// is saved (<c>ChatParticipantCheck</c>).
/// </summary>
public interface IChatParticipantLockedCommand : IChatParticipantRequest;

/// <summary>The request acts in one live chat as staff: signed-in staff whose tier reaches the chat case's tier.</summary>
public interface IChatStaffRequest
{
    Guid ChatId { get; }
}
