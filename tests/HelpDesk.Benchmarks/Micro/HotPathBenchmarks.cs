using BenchmarkDotNet.Attributes;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Credit authority check, paid on every credit an agent gives: the policy lookup plus the rolling 30-day total over
/// the subscriber's recent credits. Baseline: the same decision with no prior credits. Target: microseconds, so the
/// decision never matters next to the ledger insert.
/// </summary>
[MemoryDiagnoser]
public class CreditAuthorityBenchmarks
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CreditAuthorityPolicy _policy = CreditAuthorityDefaults.Policy(Now);
    private PriorCredit[] _prior = [];

    [Params(0, 20)]
    public int PriorCredits { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _prior = Enumerable.Range(0, PriorCredits).Select(i => new PriorCredit(1m + (i % 3), "USD", Now.AddDays(-i * 2))).ToArray();

    [Benchmark(Baseline = true)]
    public CreditDecision WithinAuthority() =>
        CreditAuthority.Decide(_policy, AgentTier.Tier1, 5m, "USD", "goodwill", "USD", [], Now);

    [Benchmark]
    public CreditDecision WithHistory() =>
        CreditAuthority.Decide(_policy, AgentTier.Tier1, 5m, "USD", "goodwill", "USD", _prior, Now);
}

/// <summary>
/// Sanitizing a typical HTML email (Outlook-style markup with styles, a tracking pixel, a table and a script to drop),
/// which every inbound HTML message pays before it is stored. Baseline: the same message as plain text, HTML-encoded.
/// Target: well under a millisecond, so sanitizing stays small next to the ingest transaction.
/// </summary>
[MemoryDiagnoser]
public class EmailSanitizerBenchmarks
{
    private static readonly string Html = string.Concat(Enumerable.Repeat("""
        <div class="WordSection1"><p class="MsoNormal" style="margin:0cm;font-size:11pt;font-family:Calibri,sans-serif">Hello,<o:p></o:p></p>
        <p class="MsoNormal">Since the last update the <b>video keeps buffering</b> on our <span style="color:#1F497D">living-room TV</span>.
        I restarted the router twice. Order <a href="https://billing.example.com/orders/12345?utm_source=mail">#12345</a>.</p>
        <table border="0" cellpadding="0"><tr><td style="padding:4px">Device</td><td>Samsung QE55</td></tr><tr><td>App</td><td>8.3.0</td></tr></table>
        <img src="https://tracker.example/pixel.gif" width="1" height="1"><script>alert(1)</script>
        <p onclick="steal()">Kind regards,<br>Alice</p></div>
        """, 3));

    private readonly EmailHtmlSanitizer _sanitizer = new();

    [Benchmark(Baseline = true)]
    public string EncodeAsText() => System.Net.WebUtility.HtmlEncode(Html);

    [Benchmark]
    public string SanitizeTypicalEmail() => _sanitizer.Sanitize(Html);
}

/// <summary>
/// Threading look-up of an inbound reply: verify our signed Message-ID from In-Reply-To (HMAC) and fall back to the
/// [HD-000123] number in the subject. Baseline: parsing the subject's case number alone. Target: a few microseconds.
/// </summary>
[MemoryDiagnoser]
public class ThreadingLookupBenchmarks : IDisposable
{
    private HmacEmailMessageIds _ids = null!;
    private string _messageId = string.Empty;
    private const string Subject = "RE: Re: [HD-004711] Video keeps buffering";

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new EmailThreadingOptions { Domain = "helpdesk.local", Secret = "benchmark-secret-benchmark-secret-0123456789" });
        _ids = new HmacEmailMessageIds(options, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
        _messageId = $"<{_ids.NewAsync(Guid.CreateVersion7(), CancellationToken.None).AsTask().GetAwaiter().GetResult()}>";
    }

    public void Dispose()
    {
        _ids?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public long SubjectNumber()
    {
        var open = Subject.IndexOf("[HD-", StringComparison.Ordinal);
        return CaseNumber.TryParse(Subject[(open + 1)..Subject.IndexOf(']', open)], out var number) ? number : -1;
    }

    [Benchmark]
    public Guid? SignedMessageId() => _ids.TryReadCaseAsync(_messageId, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
