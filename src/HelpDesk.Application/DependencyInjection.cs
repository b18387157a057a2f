using HelpDesk.Application.Accounts;
using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Email;
using HelpDesk.Application.Escalations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The one place the Application layer's settings are bound: every class from its <c>HelpDesk:</c> section, checked at
    /// start-up (data annotations and the class's <see cref="IValidateOptions{TOptions}"/>), so a bad value stops the
    /// app with a message instead of failing the first request that reads it.
    /// </summary>
    public static IServiceCollection AddApplicationOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<CaseOptions>(CaseOptions.Section);
        services.AddValidatedOptions<EscalationOptions>(EscalationOptions.Section);
        services.AddValidatedOptions<ChatOptions>(ChatOptions.Section);
        services.AddValidatedOptions<CallbackOptions>(CallbackOptions.Section);
        services.AddValidatedOptions<OutboundEmailOptions>(OutboundEmailOptions.Section);
        services.AddValidatedOptions<EmailInboundOptions>(EmailInboundOptions.Section);
        services.AddValidatedOptions<EmailParsingOptions>(EmailParsingOptions.Section, EmailParsingOptions.LegacySection);
        services.AddValidatedOptions<EmailThreadingOptions>(EmailThreadingOptions.Section, EmailThreadingOptions.LegacySection);
        services.AddValidatedOptions<AccountOptions>(AccountOptions.Section);
        services.AddValidatedOptions<SupportContactOptions>(SupportContactOptions.Section);
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountSettingsValidation>();
        services.AddSingleton<IValidateOptions<SupportContactOptions>, AccountSettingsValidation>();
        return services;
    }

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> with
    /// <c>BindConfiguration(...).ValidateDataAnnotations().ValidateOnStart()</c>, the way every project binds its settings.
    /// A <paramref name="legacySection"/> (where the settings used to live) is still read; the new section wins.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section, string? legacySection = null)
        where TOptions : class
    {
        var builder = services.AddOptions<TOptions>();
        if (legacySection is not null)
        {
            builder.BindConfiguration(legacySection);
        }

        return builder.BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}
