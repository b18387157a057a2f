using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Chat;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Search;
using HelpDesk.Application.Search;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Infrastructure.Workers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.AddInfrastructureOptions();
        services.AddScoped<IAccountIdentity, AccountIdentity>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SessionCheckCache>();
        services.AddScoped<ICaseSearch, PostgresCaseSearch>();
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

    /// <summary>
    /// The one place the Infrastructure layer's settings are bound (the Application's are in <c>AddApplicationOptions</c>,
    /// the web host's in <c>AddWebOptions</c>): each class from its <c>HelpDesk:</c> section with its checks, at start-up.
    /// </summary>
    public static IServiceCollection AddInfrastructureOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<TwoFactorOptions>(TwoFactorOptions.Section);
        services.AddSingleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>();
        services.AddValidatedOptions<MailServerOptions>(MailServerOptions.Section);
        services.AddValidatedOptions<SlaSweeperOptions>(SlaSweeperOptions.Section);
        services.AddValidatedOptions<IncidentNoticeOptions>(IncidentNoticeOptions.Section);
        services.AddValidatedOptions<VirtualAssistantOptions>(VirtualAssistantOptions.Section);
        services.AddValidatedOptions<SessionCheckCacheOptions>(SessionCheckCacheOptions.Section);
        services.AddSingleton<IValidateOptions<VirtualAssistantOptions>, VirtualAssistantOptionsValidator>();
        return services;
    }
}
