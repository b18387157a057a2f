using FluentValidation;
using HelpDesk.Application.Accounts;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Accounts;

public sealed class RegisterSubscriberTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Registering_creates_a_subscriber_account_with_the_subscriber_role()
    {
        var result = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command(
            "New.Person@Example.com", "Str0ng!pass", "Nia", "Okoye", "es", "es", "Europe/Madrid"));

        var subscriber = await WithDb(db => db.Subscribers.SingleAsync(s => s.Id == result.SubscriberId!.Value));
        subscriber.Email.ShouldBe("new.person@example.com");
        subscriber.Country.ShouldBe("ES");
        subscriber.BillingCurrency.ShouldBe("EUR");
        var identity = await Demo.IdentityAsync(App.Services, "new.person@example.com");
        identity.Roles.ShouldBe(["Subscriber"]);
        identity.SubscriberId.ShouldBe(result.SubscriberId);
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
    public async Task A_new_account_gets_a_welcome_email_through_the_outbox()
    {
        var result = await SendAs<RegisterSubscriber.Result>(null, new RegisterSubscriber.Command("welcome.me@example.com", "Str0ng!pass", "Wen", "Come"));

        result.Created.ShouldBeTrue();
        var mail = await WithDb(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.ToAddress == "welcome.me@example.com"));
        mail.Kind.ShouldBe(HelpDesk.Domain.Email.OutboundEmailKind.Account);
        mail.Subject.ShouldBe("Your HelpDesk account is ready");
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
}
