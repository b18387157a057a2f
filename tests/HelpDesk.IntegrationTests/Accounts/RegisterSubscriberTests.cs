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

        var subscriber = await WithDb(db => db.Subscribers.SingleAsync(s => s.Id == result.SubscriberId));
        subscriber.Email.ShouldBe("new.person@example.com");
        subscriber.Country.ShouldBe("ES");
        subscriber.BillingCurrency.ShouldBe("EUR");
        var identity = await Demo.IdentityAsync(App.Services, "new.person@example.com");
        identity.Roles.ShouldBe(["Subscriber"]);
        identity.SubscriberId.ShouldBe(result.SubscriberId);
    }

    [Fact]
    public async Task An_existing_email_is_refused()
    {
        var refused = await Should.ThrowAsync<ValidationException>(() => SendAs<RegisterSubscriber.Result>(null,
            new RegisterSubscriber.Command(Demo.Alice, "Str0ng!pass", "Alice", "Again")));

        refused.Errors.ShouldContain(e => e.PropertyName == "Email" && e.ErrorMessage.Contains("already exists"));
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
