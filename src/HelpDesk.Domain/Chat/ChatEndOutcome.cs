namespace HelpDesk.Domain.Chat;

/// <summary>What the agent ending a chat does with its case: the response clock stops either way (ADR 0106).</summary>
public enum ChatEndOutcome
{
    /// <summary>The case waits for the subscriber (a reply puts it back with an agent).</summary>
    WaitForSubscriber,

    /// <summary>The case is resolved (a reply within the reopen window reopens it).</summary>
    Resolve,
}
