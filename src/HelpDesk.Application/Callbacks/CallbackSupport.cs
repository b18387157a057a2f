using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Callbacks;

internal static class CallbackSupport
{
    /// <summary>Priority ranks, most urgent first, as the claim orders them.</summary>
    public static IReadOnlyList<CasePriority> MoreUrgentThan(CasePriority priority) =>
        Enum.GetValues<CasePriority>().Where(p => p > priority).ToList();

    public static async Task<CallbackView> ViewAsync(IHelpDeskDb db, CallbackRequest callback, CallbackOptions options, DateTimeOffset now, bool staff, CancellationToken cancellationToken, long? caseNumber = null)
    {
        var number = caseNumber ?? await db.Cases.Where(c => c.Id == callback.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
        int? position = null;
        DateTimeOffset? estimate = null;
        if (callback.Status == CallbackStatus.Waiting)
        {
            var higher = MoreUrgentThan(callback.Priority);
            var same = Enum.GetValues<CasePriority>().Where(p => p == callback.Priority).ToList();
            var ahead = await db.Callbacks.CountAsync(
                c => c.Status == CallbackStatus.Waiting && c.Id != callback.Id
                    && (c.DueAt < callback.DueAt
                        || (c.DueAt == callback.DueAt && (higher.Contains(c.Priority)
                            || (same.Contains(c.Priority) && c.CreatedAt < callback.CreatedAt)))),
                cancellationToken);
            var claimed = await db.Callbacks.CountAsync(c => c.Status == CallbackStatus.Claimed, cancellationToken);
            position = ahead + 1;
            var byQueue = now + (options.AverageCallTime * (ahead + claimed));
            estimate = byQueue > callback.DueAt ? byQueue : callback.DueAt;
        }

        var attempts = callback.Attempts.OrderBy(a => a.Number)
            .Select(a => new CallbackAttemptView(a.Number, a.AgentName, a.Outcome, staff ? a.Notes : null, a.At)).ToList();
        return new CallbackView(
            callback.Id, callback.CaseId, CaseNumber.Format(number), callback.Phone, callback.Topic, callback.Priority, callback.Status, callback.Source,
            callback.WindowStart, callback.WindowEnd, callback.TimeZoneId, callback.DueAt, callback.AttemptCount, options.RetryPolicy.MaxAttempts,
            position, estimate, staff ? callback.ClaimedById : null, callback.CreatedAt, callback.EndedAt, attempts);
    }

    /// <summary>A callback the current user may see: the subscriber's own, or any for staff at the case's tier. Others: not found.</summary>
    public static async Task<CallbackRequest> LoadVisibleAsync(IHelpDeskDb db, ICurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var callback = await db.Callbacks.Include(c => c.Attempts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw NotFound(id);
        if (user.IsStaff())
        {
            var tier = await db.Cases.Where(c => c.Id == callback.CaseId).Select(c => c.Tier).SingleAsync(cancellationToken);
            if (!CaseAccess.StaffMayOpen(user, tier))
            {
                throw NotFound(id);
            }

            return callback;
        }

        if (user.IsSubscriber() && user.SubscriberId == callback.SubscriberId)
        {
            return callback;
        }

        throw NotFound(id);
    }

    public static NotFoundException NotFound(Guid id) => new($"Callback {id} was not found.");

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    public static string Label(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Reached => "reached the subscriber",
        CallbackOutcome.NoAnswer => "no answer",
        CallbackOutcome.Voicemail => "voicemail",
        _ => "wrong number",
    };
}
