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
