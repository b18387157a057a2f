namespace HelpDesk.Application.Cases;

public sealed partial record CaseDetails
{
    /// <summary>Pending follow-up promises, earliest first: what the subscriber has been promised and by when.</summary>
    public IReadOnlyList<FollowUpView> FollowUps { get; init; } = [];
}
