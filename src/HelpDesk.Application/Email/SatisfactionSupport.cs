using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

internal static class SatisfactionSupport
{
    /// <summary>The stored hash of a well-formed token, or null for anything that cannot be one.</summary>
    public static string? Hash(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length is < 20 or > 100 || !token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')
            ? null
            : EmailNotifier.HashToken(token);

    public static async Task<SatisfactionPage?> PageAsync(IHelpDeskDb db, string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        if (hash is null)
        {
            return null;
        }

        return await (from s in db.SatisfactionSurveys.AsNoTracking()
                      join c in db.Cases on s.CaseId equals c.Id
                      where s.TokenHash == hash
                      select new { c.Number, c.Subject, s.AnsweredAt, s.Rating, s.Comment })
            .Select(x => new SatisfactionPage(CaseNumber.Format(x.Number), x.Subject, x.AnsweredAt != null, x.Rating, x.Comment, x.AnsweredAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
