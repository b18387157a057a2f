using HelpDesk.Application;
using HelpDesk.Application.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.IntegrationTests.Common;

/// <summary>Settings moved under <c>HelpDesk:</c> (ADR 0119): the old keys still work, the new ones win.</summary>
public sealed class ApplicationOptionsTests
{
    private static EmailParsingOptions Parsing(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddApplicationOptions().BuildServiceProvider();
        return services.GetRequiredService<IOptions<EmailParsingOptions>>().Value;
    }

    [Fact]
    public void Email_parsing_limits_are_read_from_the_new_section_and_from_the_old_one()
    {
        Parsing().MaxAttachmentBytes.ShouldBe(10 * 1024 * 1024);
        Parsing(("Email:Parsing:MaxAttachmentBytes", "1000")).MaxAttachmentBytes.ShouldBe(1000);
        Parsing(("HelpDesk:Email:Parsing:MaxAttachmentBytes", "2000")).MaxAttachmentBytes.ShouldBe(2000);
        var both = Parsing(("Email:Parsing:MaxAttachmentBytes", "1000"), ("Email:Parsing:MaxTotalAttachmentBytes", "5000"),
            ("HelpDesk:Email:Parsing:MaxAttachmentBytes", "2000"));
        both.MaxAttachmentBytes.ShouldBe(2000);
        both.MaxTotalAttachmentBytes.ShouldBe(5000);
    }
}
