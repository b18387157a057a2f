namespace HelpDesk.Domain.Cases;

/// <summary>
/// "How did we do?": one rating (1–5) and an optional comment per resolved case, answered once through an unguessable
/// link in the resolution email. Only the SHA-256 of the link's token is stored.
/// </summary>
public sealed class SatisfactionSurvey
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int MaxCommentLength = 2000;

    private SatisfactionSurvey()
    {
        TokenHash = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public string TokenHash { get; private set; }

    public int? Rating { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    public static SatisfactionSurvey Create(Guid caseId, string tokenHash, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), CaseId = caseId, TokenHash = tokenHash, CreatedAt = now };

    /// <summary>A case resolved again before the subscriber answered gets a fresh link; the old one stops working.</summary>
    public void Reissue(string tokenHash)
    {
        if (IsAnswered)
        {
            throw new InvalidOperationException("An answered survey is not sent again.");
        }

        TokenHash = tokenHash;
    }

    /// <summary>Records the answer; false (and no change) when it was already answered.</summary>
    public bool Answer(int rating, string? comment, DateTimeOffset now)
    {
        if (rating is < MinRating or > MaxRating)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, $"A rating is between {MinRating} and {MaxRating}.");
        }

        if (IsAnswered)
        {
            return false;
        }

        Rating = rating;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredAt = now;
        return true;
    }
}
