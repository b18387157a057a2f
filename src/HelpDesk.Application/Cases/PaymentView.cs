using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

public sealed record PaymentView(decimal Amount, string Currency, PaymentStatus Status, string Method, DateTimeOffset At);
