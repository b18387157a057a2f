namespace HelpDesk.Application.Cases;

/// <summary>What staff see of the subscriber next to the case. Subscribers never receive it.</summary>
public sealed record SubscriberContext(
    Guid Id,
    string Name,
    string Email,
    string Plan,
    decimal MonthlyPrice,
    string Currency,
    string Country,
    string Language,
    string TimeZone,
    DateTimeOffset MemberSince,
    int TenureMonths,
    IReadOnlyList<DeviceView> Devices,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyList<CreditView> Credits,
    IReadOnlyList<MoneyTotal> CreditTotals,
    IReadOnlyList<PreviousCaseView> PreviousCases,
    int PreviousCaseCount,
    IReadOnlyList<OpenFollowUpView> OpenFollowUps);
