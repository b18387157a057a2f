namespace HelpDesk.Domain.Subscribers;

public enum PaymentStatus
{
    Paid,
    Failed,
    Refunded,
}
