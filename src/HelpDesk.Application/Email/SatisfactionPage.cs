namespace HelpDesk.Application.Email;

/// <summary>What the anonymous satisfaction page shows for a token.</summary>
public sealed record SatisfactionPage(string CaseNumber, string Subject, bool Answered, int? Rating, string? Comment, DateTimeOffset? AnsweredAt);
