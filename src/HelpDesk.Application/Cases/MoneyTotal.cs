using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

public sealed record MoneyTotal(string Currency, decimal Amount);
