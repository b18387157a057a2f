using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace HelpDesk.IntegrationTests.Email;

public sealed class EmailMessageIdTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private IEmailMessageIds Ids => App.Services.GetRequiredService<IEmailMessageIds>();

    [Fact]
    public async Task A_message_id_we_issued_reads_back_as_its_case()
    {
        var caseId = Guid.CreateVersion7();
        var id = await Ids.NewAsync(caseId, CancellationToken.None);

        id.ShouldEndWith("@helpdesk.local");
        id.ShouldNotContain("<");
        (await Ids.TryReadCaseAsync(id, CancellationToken.None)).ShouldBe(caseId);
        (await Ids.TryReadCaseAsync($" <{id.ToUpperInvariant().Replace("@HELPDESK.LOCAL", "@helpdesk.local", StringComparison.Ordinal)}> ", CancellationToken.None))
            .ShouldBe(caseId);
    }

    [Fact]
    public async Task Two_ids_for_the_same_case_differ()
    {
        var caseId = Guid.CreateVersion7();
        (await Ids.NewAsync(caseId, CancellationToken.None)).ShouldNotBe(await Ids.NewAsync(caseId, CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_reference_to_another_case_does_not_verify()
    {
        var mine = Guid.CreateVersion7();
        var victim = Guid.CreateVersion7();
        var id = await Ids.NewAsync(mine, CancellationToken.None);

        // Keep nonce and mac, swap the case: the signature no longer matches.
        var forged = victim.ToString("N") + id[32..];
        (await Ids.TryReadCaseAsync(forged, CancellationToken.None)).ShouldBeNull();

        var parts = id.Split('@')[0].Split('.');
        var flipped = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'a' ? 'b' : 'a')}{parts[2][1..]}@helpdesk.local";
        (await Ids.TryReadCaseAsync(flipped, CancellationToken.None)).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("CAJ+abc@mail.gmail.com")]
    [InlineData("0123.4567@helpdesk.local")]
    [InlineData("not-a-guid.0011223344556677.00112233445566778899aabbccddeeff@helpdesk.local")]
    public async Task Ids_that_are_not_ours_read_as_nothing(string messageId) =>
        (await Ids.TryReadCaseAsync(messageId, CancellationToken.None)).ShouldBeNull();

    [Fact]
    public async Task The_generated_key_is_kept_in_the_database_so_another_node_verifies_our_ids()
    {
        var caseId = Guid.CreateVersion7();
        var id = await Ids.NewAsync(caseId, CancellationToken.None);

        using var otherNode = new HmacEmailMessageIds(
            App.Services.GetRequiredService<IOptions<EmailThreadingOptions>>(), App.Services.GetRequiredService<IServiceScopeFactory>());
        (await otherNode.TryReadCaseAsync(id, CancellationToken.None)).ShouldBe(caseId);

        var stored = await WithDb(db => db.AppSecrets.CountAsync());
        stored.ShouldBe(1);

        using var otherKey = new HmacEmailMessageIds(
            Options.Create(new EmailThreadingOptions { Secret = new string('k', 40) }), App.Services.GetRequiredService<IServiceScopeFactory>());
        (await otherKey.TryReadCaseAsync(id, CancellationToken.None)).ShouldBeNull();
    }
}
