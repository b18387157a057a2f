using FluentValidation;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Accounts;

public sealed class RegisterSubscriberTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Registering_makes_an_unconfirmed_account_with_no_subscriber_profile_and_mails_a_confirmation_link()
    {
        var result = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(
            "New.Person@Example.com", "Str0ng!pass", "Nia", "Okoye", "es", "es", "Europe/Madrid"));

        result.Created.ShouldBeTrue();
        (await WithDb(db => db.Users.SingleAsync(u => u.Id == result.UserId))).EmailConfirmed.ShouldBeFalse();
        (await WithDb(db => db.Subscribers.AnyAsync(s => s.UserId == result.UserId || s.Email == "new.person@example.com"))).ShouldBeFalse();
        var mail = await WithDb(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.ToAddress == "new.person@example.com"));
        mail.Kind.ShouldBe(HelpDesk.Domain.Email.OutboundEmailKind.Account);
        mail.Subject.ShouldBe("Confirm your email address for HelpDesk");
        AccountLinks.FindLink(mail.TextBody, "/Account/ConfirmEmail").ShouldNotBeNull().UserId.ShouldBe(result.UserId);
        mail.TextBody.ShouldContain("works for 24 hours");
    }

    [Fact]
    public async Task Confirming_with_the_link_and_the_chosen_password_creates_the_subscriber_and_queues_the_welcome()
    {
        var subscriberId = await AccountLinks.RegisterConfirmedAsync(App.Services, new RegisterSubscriber.Command(
            "Confirm.Me@Example.com", "Str0ng!pass", "Nia", "Okoye", "es", "es", "Europe/Madrid"));

        var subscriber = await WithDb(db => db.Subscribers.SingleAsync(s => s.Id == subscriberId));
        subscriber.Email.ShouldBe("confirm.me@example.com");
        subscriber.Country.ShouldBe("ES");
        subscriber.BillingCurrency.ShouldBe("EUR");
        subscriber.TimeZone.ShouldBe("Europe/Madrid");
        var identity = await Demo.IdentityAsync(App.Services, "confirm.me@example.com");
        identity.Roles.ShouldBe(["Subscriber"]);
        identity.SubscriberId.ShouldBe(subscriberId);
        (await WithDb(db => db.PendingRegistrations.AnyAsync(p => p.UserId == identity.UserId))).ShouldBeFalse();
        var welcome = await WithDb(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.ToAddress == "confirm.me@example.com" && e.Subject == "Welcome to HelpDesk support"));
        welcome.TextBody.ShouldContain("support@helpdesk.local");
        welcome.TextBody.ShouldContain("Times are in your time zone (Europe/Madrid).");
        welcome.TextBody.ShouldContain("/Contact");
    }

    [Fact]
    public async Task A_confirmation_link_refuses_a_wrong_password_an_altered_token_and_a_link_replaced_by_a_later_registration()
    {
        const string email = "twice@example.com";
        await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(email, "Str0ng!pass", "Tim", "Twice"));
        var (userId, first, _) = await AccountLinks.LatestLinkAsync(App.Services, email, "/Account/ConfirmEmail");

        (await Confirm(userId, first, "Wrong!pass1")).Outcome.ShouldBe(ConfirmOutcome.WrongPassword);
        (await Confirm(userId, first[..^4] + "AAAA", "Str0ng!pass")).Outcome.ShouldBe(ConfirmOutcome.InvalidLink);
        (await Confirm(Guid.NewGuid().ToString(), first, "Str0ng!pass")).Outcome.ShouldBe(ConfirmOutcome.InvalidLink);

        // Registered again before confirming (by the owner, or by someone else): the last password wins, earlier links die.
        (await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(email, "Other!pass2", "Tim", "Again"))).Created.ShouldBeTrue();
        (await Confirm(userId, first, "Str0ng!pass")).Outcome.ShouldBe(ConfirmOutcome.InvalidLink);
        var (_, second, _) = await AccountLinks.LatestLinkAsync(App.Services, email, "/Account/ConfirmEmail");
        (await Confirm(userId, second, "Str0ng!pass")).Outcome.ShouldBe(ConfirmOutcome.WrongPassword);
        (await WithDb(db => db.Subscribers.AnyAsync(s => s.Email == email))).ShouldBeFalse();

        var confirmed = await Confirm(userId, second, "Other!pass2");
        confirmed.Outcome.ShouldBe(ConfirmOutcome.Confirmed);
        (await WithDb(db => db.Subscribers.SingleAsync(s => s.Email == email))).LastName.ShouldBe("Again");
        (await Confirm(userId, second, "Other!pass2")).Outcome.ShouldBe(ConfirmOutcome.AlreadyConfirmed);
    }

    [Fact]
    public async Task Registering_a_contacts_address_shows_nothing_until_confirmed_then_the_account_becomes_that_subscriber_with_its_cases()
    {
        const string email = "wrote.before@example.com";
        var emailed = await App.Services.IngestAsync(MailBuilder.Text($"Wren Before <{email}>", "My stream stops", "It stops every ten minutes."));
        var chatted = await SendAs<StartChatResult>(null, new StartChat.Command("Wren Before", email, "en", FirstMessage: "The app crashes on my TV"));
        var contact = await WithDb(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Email == email));
        contact.UserId.ShouldBeNull();
        var caseIds = new[] { emailed.CaseId!.Value, chatted.Chat.CaseId!.Value };

        var registered = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(email.ToUpperInvariant(), "Str0ng!pass", "Wren", "Owner", "GB", "en", "Europe/London"));

        // Before confirmation the account has no subscriber profile: it can list nothing and open nothing of the contact's.
        registered.Created.ShouldBeTrue();
        var unconfirmed = await Demo.IdentityAsync(App.Services, email);
        unconfirmed.SubscriberId.ShouldBeNull();
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<Page<CaseSummary>>(email, new ListCases.Query()));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(email, new GetCase.Query(caseIds[0])));
        (await WithDb(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == contact.Id))).UserId.ShouldBeNull();

        var (userId, code, _) = await AccountLinks.LatestLinkAsync(App.Services, email, "/Account/ConfirmEmail");
        var confirmed = await Confirm(userId, code, "Str0ng!pass");

        confirmed.SubscriberId.ShouldBe(contact.Id);
        confirmed.ClaimedCases.ShouldBe(2);
        var claimed = await WithDb(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == contact.Id));
        claimed.UserId.ShouldBe(userId);
        claimed.LastName.ShouldBe("Owner");
        claimed.TimeZone.ShouldBe("Europe/London");
        var mine = await SendAs<Page<CaseSummary>>(email, new ListCases.Query());
        mine.Items.Select(c => c.Id).ShouldBe(caseIds, ignoreOrder: true);
        foreach (var caseId in caseIds)
        {
            var lines = await WithDb(db => db.Interactions.AsNoTracking().Where(i => i.CaseId == caseId && i.AuthorKind == AuthorKind.System && i.Visibility == Visibility.Public).Select(i => i.Body).ToListAsync());
            lines.ShouldContain(l => l.Contains("confirmed this email address with a HelpDesk account"));
            (await WithDb(db => db.AuditEvents.CountAsync(a => a.CaseId == caseId && a.Action == "case.claimed_by_account"))).ShouldBe(1);
        }

        (await WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "contact.claimed" && a.EntityId == contact.Id.ToString()))).ShouldBe(1);
        (await SendAs<CaseDetails>(email, new GetCase.Query(caseIds[1]))).Id.ShouldBe(caseIds[1]);
    }

    [Fact]
    public async Task A_known_address_creates_nothing_answers_like_a_new_one_and_tells_the_owner_by_email()
    {
        var usersBefore = await WithDb(db => db.Users.CountAsync());

        var known = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(Demo.Alice, "Str0ng!pass", "Alice", "Again"));
        var staff = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(Demo.Agent1.ToUpperInvariant(), "Str0ng!pass", "Sam", "Again"));

        known.Created.ShouldBeFalse();
        staff.Created.ShouldBeFalse();
        (await WithDb(db => db.Users.CountAsync())).ShouldBe(usersBefore);
        var mail = await WithDb(db => db.OutboundEmails.AsNoTracking().Where(e => e.ToAddress == Demo.Alice && e.Kind == HelpDesk.Domain.Email.OutboundEmailKind.Account).ToListAsync());
        mail.ShouldHaveSingleItem().Subject.ShouldBe("Someone tried to create a HelpDesk account with your address");
        mail[0].CaseId.ShouldBeNull();
        mail[0].TextBody.ShouldContain("/Account/Login");
        (await WithDb(db => db.OutboundEmails.CountAsync(e => e.ToAddress == Demo.Agent1 && e.Kind == HelpDesk.Domain.Email.OutboundEmailKind.Account))).ShouldBe(1);

        // A weak password is refused the same way for a known address as for a new one.
        var weakKnown = await Should.ThrowAsync<ValidationException>(() => SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(Demo.Alice, "short", "Alice", "")));
        var weakNew = await Should.ThrowAsync<ValidationException>(() => SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command("weak-new@example.com", "short", "Wes", "")));
        weakKnown.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ShouldBe(weakNew.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public async Task A_weak_password_and_bad_fields_are_refused_field_by_field()
    {
        var before = await WithDb(db => db.Users.CountAsync());

        var weak = await Should.ThrowAsync<ValidationException>(() => SendAs<RegisterSubscriber.Result>(null,
            new RegisterSubscriber.Command("weak@example.com", "short", "Wes", "")));
        weak.Errors.ShouldContain(e => e.PropertyName == "Password");

        var bad = await Should.ThrowAsync<ValidationException>(() => SendAs<RegisterSubscriber.Result>(null,
            new RegisterSubscriber.Command("not-an-email", "Str0ng!pass", "", "", "Spain", "en", "Mars/Olympus")));
        bad.Errors.Select(e => e.PropertyName).ShouldBe(["Email", "FirstName", "Country", "TimeZone"], ignoreOrder: true);

        (await WithDb(db => db.Users.CountAsync())).ShouldBe(before);
    }

    private Task<ConfirmAccount.Result> Confirm(string userId, string code, string password) =>
        SendAs<ConfirmAccount.Result>(null, new ConfirmAccount.Command(userId, code, password));
}
