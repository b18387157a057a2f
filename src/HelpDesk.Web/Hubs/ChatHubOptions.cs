namespace HelpDesk.Web.Hubs;

/// <summary>Flood protection per connection (<c>HelpDesk:Chat:Hub</c>).</summary>
public sealed class ChatHubOptions
{
    public const string Section = "HelpDesk:Chat:Hub";

    /// <summary>Messages a connection may send in a burst; refilled evenly over <see cref="WindowSeconds"/>.</summary>
    public int MessagesPerWindow { get; set; } = 5;

    public int WindowSeconds { get; set; } = 5;

    /// <summary>Largest hub frame accepted; a larger one closes the connection.</summary>
    public long MaximumReceiveMessageSize { get; set; } = 16 * 1024;
}
