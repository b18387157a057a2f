namespace HelpDesk.Web.Hubs;

/// <summary>Flood protection per connection (<c>HelpDesk:Chat:Hub</c>).</summary>
public sealed class ChatHubOptions
{
    public const string Section = "HelpDesk:Chat:Hub";

    /// <summary>Messages a connection may send in a burst; refilled evenly over <see cref="WindowSeconds"/>.</summary>
    public int MessagesPerWindow { get; set; } = 5;

    public int WindowSeconds { get; set; } = 5;

    /// <summary>
    /// Chat commands (messages, starts, joins…) this node runs at once; more wait in line before their command begins
    /// (<see cref="ChatCommandGate"/>, ADR 0129). 0: eight per core.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 4096, ErrorMessage = "HelpDesk:Chat:Hub:CommandsInFlight must be between 0 (eight per core) and 4096.")]
    public int CommandsInFlight { get; set; }

    /// <summary>Largest hub frame accepted; a larger one closes the connection.</summary>
    public long MaximumReceiveMessageSize { get; set; } = 16 * 1024;
}
