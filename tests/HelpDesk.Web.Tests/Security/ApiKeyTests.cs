using HelpDesk.Web.Security;
using HelpDesk.Web.Tests.Email;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Issue 18: one API-key check for the mail gateway and the telephony provider, with one set of rules.</summary>
public sealed class ApiKeyTests
{
    private static readonly string[] Keys = ["short-key", "a-proper-key-0123456789", ""];

    [Theory]
    [InlineData("a-proper-key-0123456789", true)]
    [InlineData("a-proper-key-012345678", false)]
    [InlineData("A-PROPER-KEY-0123456789", false)]
    [InlineData("short-key", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_key_is_accepted_only_when_it_is_one_of_the_configured_keys_of_at_least_16_characters(string? presented, bool accepted) =>
        ApiKeys.Accepts(presented, Keys).ShouldBe(accepted);

    [Fact]
    public void An_over_long_value_is_refused_before_hashing_and_no_keys_accept_nothing()
    {
        ApiKeys.Accepts(new string('k', ApiKeys.MaximumLength + 1), [new string('k', ApiKeys.MaximumLength + 1)]).ShouldBeFalse();
        ApiKeys.Accepts("a-proper-key-0123456789", null).ShouldBeFalse();
        ApiKeys.Accepts("a-proper-key-0123456789", []).ShouldBeFalse();
    }

    [Fact]
    public void The_telephony_options_and_the_inbound_email_endpoint_use_the_same_rule()
    {
        new TelephonyOptions { ApiKeys = Keys }.Accepts("short-key").ShouldBeFalse();
        new TelephonyOptions { ApiKeys = Keys }.Accepts("a-proper-key-0123456789").ShouldBeTrue();
        InboundEmailApp.ApiKey.Length.ShouldBeGreaterThanOrEqualTo(ApiKeys.MinimumLength, "the test key itself follows the rule");
    }
}
