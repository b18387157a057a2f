namespace HelpDesk.Domain.Common;

/// <summary>A secret the application generates for itself once and shares between nodes (e.g. the Message-ID HMAC key).</summary>
public sealed class AppSecret
{
    private AppSecret()
    {
        Name = Value = string.Empty;
    }

    public string Name { get; private set; }
    public string Value { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
