using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Issue 15: what a subscriber reads in Chromium — pages as rendered, text the scripts add (the chat widget, the
/// assistant, the queue status), and the answers to an empty form — holds no queue key and no enum name. The list of
/// names is not written here: it is every multi-word member of every enum in the domain and application assemblies,
/// so a new status or reason is checked the day it is added.
/// </summary>
public sealed partial class WordsForPeopleBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [GeneratedRegex(@"\b(?:Portal|Email|Chat|Phone|Callback)-Tier\d\b")]
    private static partial Regex QueueKey();

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex MultiWord();

    /// <summary>Every enum member named in more than one word ("WithAgent", "NoAnswer", "AccountTakeover"), and Tier1–3.</summary>
    private static readonly Regex EnumName = BuildEnumPattern();

    private static Regex BuildEnumPattern()
    {
        var names = new[] { typeof(Domain.Cases.Case).Assembly, typeof(Application.Cases.OpenCase).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsEnum && t.IsPublic)
            .SelectMany(Enum.GetNames)
            .Where(n => MultiWord().IsMatch(n))
            .Append("Tier1").Append("Tier2").Append("Tier3")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        names.Count.ShouldBeGreaterThan(30, "the enum scan found too few names to be trusted");
        return new Regex(@"\b(?:" + string.Join("|", names.Select(Regex.Escape)) + @")\b", RegexOptions.CultureInvariant);
    }

    private static readonly string[] PortalPages = ["/Portal/Cases", "/Portal/Cases/New", "/Portal/Callbacks/New", "/Portal/Account"];

    [Fact]
    public async Task A_subscriber_reads_no_queue_key_or_enum_name_on_any_page_in_the_chat_or_in_form_errors()
    {
        var api = await app.SignedInAsync(Demo.Alice);
        var opened = await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Words in the browser", category = "Billing", description = "Charged twice." });
        var escalated = (await opened.JsonAsync()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/v1/cases/{escalated}/ask-supervisor", new { reason = "Please look" })).EnsureSuccessStatusCode();
        var cases = await (await api.GetAsync("/api/v1/cases?pageSize=50")).Content.ReadFromJsonAsync<JsonElement>();
        var ids = cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        ids.Count.ShouldBeGreaterThan(1);

        var page = await app.NewPageAsync("Europe/Berlin");
        page.Dialog += (_, dialog) => _ = dialog.DismissAsync();
        await BrowserPages.SignInAsync(page, Demo.Alice);
        var found = new List<string>();
        async Task ScanAsync(string where)
        {
            var text = await page.EvaluateAsync<string>("() => document.body.innerText");
            found.AddRange(QueueKey().Matches(text).Select(m => $"{where}: queue key {m.Value}"));
            found.AddRange(EnumName.Matches(text).Select(m => $"{where}: {m.Value}"));
        }

        foreach (var path in PortalPages.Concat(ids.Select(id => $"/Portal/Cases/Details/{id}")))
        {
            await page.GotoAsync(path);
            await ScanAsync(path);
        }

        // The answers to an empty form.
        await page.GotoAsync("/Portal/Cases/New");
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.Locator(".field-validation-error, .validation-summary-errors li").First.WaitForAsync();
        await ScanAsync("/Portal/Cases/New (empty form sent)");

        // The chat: the assistant's turns, then the queue after "Talk to a person".
        await page.GotoAsync("/Portal/Cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var log = page.Locator("#chat-log");
        await log.Locator("li[data-author=Assistant]").First.WaitForAsync();
        await page.GetByLabel("Your message").FillAsync("I was charged twice this month");
        await page.GetByLabel("Your message").PressAsync("Enter");
        await log.Locator("li[data-author=Assistant]").Nth(1).WaitForAsync();
        await log.Locator("li[data-author=Assistant]").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-status")).ToContainTextAsync("Estimated wait:");
        await ScanAsync("chat widget");

        found.ShouldBeEmpty();
    }
}
