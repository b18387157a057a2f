using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Workers;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Testing.Mail;

/// <summary>
/// The app with a <see cref="TestClock"/> and its SMTP settings pointing at a <see cref="TestSmtpServer"/> the factory
/// hosts. The background sender is off: tests send due mail themselves (<see cref="MailSending.SendDueEmailsAsync"/>).
/// Three attempts, one minute before the first retry.
/// </summary>
public class MailAppFactory : ClockedAppFactory
{
    public const int MaxAttempts = 3;
    public const int RetryBaseSeconds = 60;

    public TestSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:Smtp:Host", Smtp.Host);
        builder.UseSetting("HelpDesk:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Email:Smtp:Security", "None");
        builder.UseSetting("HelpDesk:Email:Smtp:FromAddress", "support@helpdesk.test");
        builder.UseSetting("HelpDesk:Email:PublicBaseUrl", "https://help.example.test");
        builder.UseSetting("HelpDesk:Email:SendIntervalSeconds", "0");
        builder.UseSetting("HelpDesk:Email:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Email:RetryBaseSeconds", RetryBaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Email:TimeoutSeconds", "10");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public static class MailSending
{
    /// <summary>Runs <see cref="SendDueEmails"/> as the sender worker does until nothing is due; returns every result.</summary>
    public static async Task<List<SendDueEmails.Result>> SendDueEmailsAsync(this IServiceProvider services, int max = 100)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var results = new List<SendDueEmails.Result>();
        for (var i = 0; i < max; i++)
        {
            await using var scope = scopes.CreateSystemScope("test-email-sender");
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendDueEmails.Command());
            if (!result.Taken)
            {
                return results;
            }

            results.Add(result);
        }

        return results;
    }
}
