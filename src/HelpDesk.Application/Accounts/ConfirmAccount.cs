using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Accounts;

/// <summary>
/// The confirmation link, with the password chosen at registration: the address is confirmed and the account gets its
/// subscriber profile. An unverified contact with the same address (earlier email, guest chat or callback cases)
/// <em>becomes</em> the account's subscriber — its cases stay on the same subscriber id and so simply appear in the
/// portal — with an audit event and a timeline line on each case; its guest chats are marked claimed. Then the welcome
/// email is queued (ADR 0113).
/// </summary>
public static class ConfirmAccount
{
    public sealed record Command(string UserId, string Token, string Password) : ICommand<Result>, IAllowAnonymous;

    /// <param name="ClaimedCases">How many earlier cases of an unverified contact came with the address.</param>
    public sealed record Result(ConfirmOutcome Outcome, Guid? SubscriberId, int ClaimedCases)
    {
        public bool Succeeded => Outcome == ConfirmOutcome.Confirmed;
    }

    public sealed class Handler(
        IHelpDeskDb db, IAccountIdentity accounts, IClock clock, ICurrentUser user, EmailNotifier notifier, SupportContact support)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcome = await accounts.ConfirmEmailAsync(command.UserId ?? string.Empty, command.Token ?? string.Empty, command.Password ?? string.Empty, cancellationToken);
            if (outcome != ConfirmOutcome.Confirmed)
            {
                return new Result(outcome, null, 0);
            }

            var now = clock.UtcNow;
            var account = await accounts.FindByIdAsync(command.UserId!, cancellationToken) ?? throw new InvalidOperationException("The account vanished.");
            var actor = new Actor(account.UserId, account.Email, user.IpAddress);
            var pending = await db.PendingRegistrations.FindAsync([account.UserId], cancellationToken);
            var first = pending?.FirstName ?? account.Email.Split('@')[0];
            var last = pending?.LastName ?? string.Empty;
            var country = pending?.Country ?? "US";
            var language = pending?.Language ?? "en";
            var zone = pending?.TimeZone ?? "UTC";
            var claimed = 0;

            var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Email == account.Email, cancellationToken);
            if (subscriber is null)
            {
                subscriber = Subscriber.Create(account.UserId, account.Email, first, last, SubscriptionPlan.Standard, country, language, zone,
                    BillingCurrencies.ForCountry(country), now);
                db.Subscribers.Add(subscriber);
            }
            else if (subscriber.IsContact)
            {
                subscriber.ClaimFor(account.UserId, first, last, country, language, zone, BillingCurrencies.ForCountry(country));
                var cases = await db.Cases.Where(c => c.SubscriberId == subscriber.Id).OrderBy(c => c.Number).ToListAsync(cancellationToken);
                foreach (var @case in cases)
                {
                    db.Interactions.Add(@case.AddAccountClaimed(now));
                    db.AuditEvents.Add(AuditEvent.Record(now, actor, "case.claimed_by_account", "case", @case.Id.ToString(), @case.Id,
                        AuditData.Of(("account", null, account.Email))));
                }

                foreach (var chat in await db.ChatConversations.Where(c => c.SubscriberId == subscriber.Id && c.IsGuest).ToListAsync(cancellationToken))
                {
                    chat.ClaimByAccount(now);
                }

                claimed = cases.Count;
                db.AuditEvents.Add(AuditEvent.Record(now, actor, "contact.claimed", "subscriber", subscriber.Id.ToString(), null,
                    AuditData.Of(("verified", "false", "true"), ("user", null, account.UserId), ("cases", null, claimed.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }
            else if (subscriber.UserId != account.UserId)
            {
                // Another account's subscriber has this address: never merged by a link.
                throw new InvalidOperationException("Another account's subscriber uses this address.");
            }

            if (pending is not null)
            {
                db.PendingRegistrations.Remove(pending);
            }

            db.AuditEvents.Add(AuditEvent.Record(now, actor, "subscriber.confirmed", "subscriber", subscriber.Id.ToString()));
            var viewer = ZonedTime.Find(subscriber.TimeZone) ?? TimeZoneInfo.Utc;
            notifier.Welcome(subscriber, support.EmailLines(viewer, now));
            return new Result(ConfirmOutcome.Confirmed, subscriber.Id, claimed);
        }
    }
}
