namespace HelpDesk.Domain.Chat;

/// <summary>Where a live chat is (ADR 0106).</summary>
public enum ChatState
{
    /// <summary>The virtual assistant answers; "Talk to a person" is always offered.</summary>
    WithAssistant,

    /// <summary>Waiting in the human queue for its tier and language.</summary>
    Queued,

    /// <summary>An agent accepted it and holds it.</summary>
    WithAgent,

    /// <summary>Still queued, but nobody accepted in time (or it is outside staffed hours): a callback or an email reply is offered.</summary>
    FallbackOffered,

    /// <summary>Over. The case stays where it is.</summary>
    Ended,
}

public enum ChatAuthorKind
{
    Subscriber,
    Assistant,
    Agent,
    System,
}

public enum ChatFallbackReason
{
    NoAgentInTime,
    OutsideStaffedHours,
}

public enum ChatFallbackChoice
{
    Callback,
    Email,
}

public enum ChatEndedBy
{
    Subscriber,
    Agent,
    System,
}

/// <summary>What the agent ending a chat does with its case: the response clock stops either way (ADR 0106).</summary>
public enum ChatEndOutcome
{
    /// <summary>The case waits for the subscriber (a reply puts it back with an agent).</summary>
    WaitForSubscriber,

    /// <summary>The case is resolved (a reply within the reopen window reopens it).</summary>
    Resolve,
}
