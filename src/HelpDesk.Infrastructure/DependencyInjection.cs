using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Chat;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Search;
using HelpDesk.Application.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Everything but the DbContext registration, whose connection string the host decides at start-up.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        // Legacy charsets (Shift_JIS, windows-1252, KOI8-R …) for email, registered at start-up before MimeKit
        // looks any up: MimeKit remembers a charset it could not find.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.AddScoped<IHelpDeskDb>(sp => sp.GetRequiredService<HelpDeskDbContext>());
        services.AddSingleton<IClock, SystemClock>();
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddScoped<HelpDesk.Application.Staff.IStaffAccounts, StaffAccounts>();
        services.AddValidatedOptions<TwoFactorOptions>(TwoFactorOptions.Section);
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>();
        services.AddScoped<IAccountIdentity, AccountIdentity>();
        services.AddScoped<ICaseSearch, PostgresCaseSearch>();
        services.AddValidatedOptions<MailServerOptions>(MailServerOptions.Section);
        services.AddSingleton<EmailHtmlSanitizer>();
        services.AddSingleton<IInboundEmailParser, MimeKitEmailParser>();
        services.AddSingleton<IEmailMessageIds, HmacEmailMessageIds>();
        services.AddScoped<HelpDesk.Application.Admin.IMailConnectionTester, MailConnectionTester>();
        services.AddSingleton<IMailboxSecrets, DataProtectionMailboxSecrets>();
        services.AddSingleton<IEmailTransport, MailKitEmailTransport>();
        services.AddScoped<SmtpEndpoints>();
        services.AddScoped<IUserClaimsPrincipalFactory<HelpDeskUser>, HelpDeskClaimsPrincipalFactory>();
        services.AddVirtualAssistant();
        return services;
    }
}
