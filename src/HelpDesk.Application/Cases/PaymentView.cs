using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

public sealed record PaymentView(decimal Amount, string Currency, PaymentStatus Status, string Method, DateTimeOffset At);
