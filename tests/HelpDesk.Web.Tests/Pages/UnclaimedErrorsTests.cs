using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Credits;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Issue 15, item 5, on the forms that have fields with their own messages (the case page, the credit form, "ask for a
/// supervisor"): a field's error is shown beside it and not again in the summary; an error of no field is in the summary.
/// </summary>
public sealed partial class UnclaimedErrorsTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task The_credit_form_says_each_field_error_once_beside_its_field()
    {
        var (tier1, _, _) = await CreditTestData.IdsAsync(app);
        var sam = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(sam, Demo.Agent1);
        var path = $"/Agent/Cases/Credit/{tier1}";
        var token = await PageSession.TokenAsync(sam, path);
        var response = await sam.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Amount"] = "-5",
            ["Input.Currency"] = "USD",
            ["Input.ReasonCode"] = "",
            ["Input.Note"] = "",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var fieldMessages = FieldMessage().Matches(html).Select(m => Regex.Replace(m.Groups["text"].Value, "<[^>]+>", "").Trim()).Where(t => t.Length > 0).ToList();
        fieldMessages.ShouldNotBeEmpty("the refused amount is explained beside the field");
        foreach (var message in fieldMessages)
        {
            Regex.Count(html, Regex.Escape(message)).ShouldBe(1, $"“{message}” is said once");
        }
    }

    [Fact]
    public void A_key_is_a_field_only_when_the_page_model_has_that_property_path()
    {
        var model = new { Input = new { Amount = 1m, Note = "" }, Merge = new { Into = "" } };
        HelpDesk.Web.Pages.UnclaimedErrorsTagHelper.IsField(model, "Input.Amount").ShouldBeTrue();
        HelpDesk.Web.Pages.UnclaimedErrorsTagHelper.IsField(model, "Input.CaseId").ShouldBeFalse("a command property the form has no field for is listed in the summary");
        HelpDesk.Web.Pages.UnclaimedErrorsTagHelper.IsField(model, "").ShouldBeFalse("an error of the whole form is listed in the summary");
        HelpDesk.Web.Pages.UnclaimedErrorsTagHelper.IsField(model, "Merge.Into").ShouldBeTrue();
        HelpDesk.Web.Pages.UnclaimedErrorsTagHelper.IsField(null, "Input.Amount").ShouldBeFalse();
    }

    [GeneratedRegex("<span class=\"field-error field-validation-error\"[^>]*>(?<text>.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex FieldMessage();
}
