namespace HelpDesk.Application.Cases;

public sealed record MoneyTotal(string Currency, decimal Amount);
