namespace HelpDesk.Domain.Subscribers;

/// <summary>A subscription charge attempt, as billing reported it.</summary>
public sealed class SubscriberPayment
{
    private SubscriberPayment()
    {
        Currency = Method = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid SubscriberId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public PaymentStatus Status { get; private set; }

    /// <summary>"Visa •••• 4242".</summary>
    public string Method { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static SubscriberPayment Create(Guid subscriberId, decimal amount, string currency, PaymentStatus status, string method, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), SubscriberId = subscriberId, Amount = amount, Currency = currency, Status = status, Method = method, At = at };
}
