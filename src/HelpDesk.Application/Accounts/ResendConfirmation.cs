using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using Mediator;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Accounts;

/// <summary>"Resend confirmation": a fresh link for an unconfirmed account; the same answer for any address.</summary>
public static class ResendConfirmation
{
    public const string Answer = "If an account with this address is waiting for confirmation, we have emailed it a new link. Check your email.";

    public sealed record Command(string Email) : ICommand<Unit>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).DeliverableAddress("Enter your email address.");
    }

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, EmailNotifier notifier, IOptions<AccountOptions> options)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindByEmailAsync(command.Email.Trim(), cancellationToken) is { EmailConfirmed: false } account
                && await db.PendingRegistrations.FindAsync([account.UserId], cancellationToken) is { } pending)
            {
                var token = await accounts.EmailConfirmationTokenAsync(account.UserId, cancellationToken);
                notifier.ConfirmAddress(account.Email, pending.FirstName, notifier.Link("/Account/ConfirmEmail", ("userId", account.UserId), ("code", token)),
                    options.Value.ConfirmationLinkLifetime);
            }

            return Unit.Value;
        }
    }
}
