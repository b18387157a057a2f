using FluentValidation;
using HelpDesk.Application;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Application.Escalations;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HelpDesk.Infrastructure.Persistence;

namespace HelpDesk.Web.Hosting;

/// <summary>The command layer and the case store, without any web concerns (tests and workers use this too).</summary>
public static class ApplicationServices
{
    public static IServiceCollection AddHelpDeskCore(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseSettings>();
        services.AddInfrastructure();
        // Pooled: a request reuses a reset context instead of building one (the context holds no per-request state;
        // ICurrentUser and friends are resolved by the handlers, not by the context).
        services.AddDbContextPool<HelpDeskDbContext>((sp, options) =>
        {
            var connectionString = sp.GetRequiredService<DatabaseSettings>().ConnectionString
                ?? throw new InvalidOperationException("The database has not been chosen yet (DatabaseStartup.PrepareAsync runs first).");
            HelpDeskDbContext.Configure(options, connectionString);
        }, poolSize: 256);

        // SlaClock, ChangeFeed, ChatFeed, IncidentCaseLinker and each feature's other participants (ADR 0118).
        services.AddTransactionParticipants(typeof(OpenCase).Assembly);
        services.AddSingleton<HelpDesk.Application.Common.ReferenceDataCache>();
        services.AddScoped<HelpDesk.Application.Common.ReferenceData>();
        services.AddScoped<CurrentUserOverride>();
        services.TryAddSingleton<IRealtimePublisher, NullRealtimePublisher>();
        services.AddScoped<CaseRouter>();
        services.AddScoped<HelpDesk.Application.Email.EmailThreader>();
        services.AddScoped<HelpDesk.Application.Email.EmailNotifier>();
        services.AddScoped<Escalator>();
        services.AddScoped<HelpDesk.Application.Incidents.IncidentNotices>();
        services.AddScoped<HelpDesk.Application.Incidents.IncidentAssistant>();
        services.TryAddSingleton<HelpDesk.Application.Chat.IChatRealtime, HelpDesk.Application.Chat.NullChatRealtime>();
        services.AddScoped<HelpDesk.Application.Chat.ChatQueueReader>();
        services.AddScoped<HelpDesk.Application.Chat.ChatWork>();
        services.AddApplicationOptions();
        services.AddAccountSettings();
        // Validators are built once: building one (its rules, their expressions and messages) cost more per request than
        // running it. Those that read the database or the caller (constructor parameters other than the clock) stay scoped.
        services.AddValidatorsFromAssemblyContaining<OpenCase.Validator>(ServiceLifetime.Singleton, r => IsStateless(r.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<OpenCase.Validator>(ServiceLifetime.Scoped, r => !IsStateless(r.ValidatorType), includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(OpenCase)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(AuthorizationBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(TransactionBehavior<,>),
            ];
        });
        return services;
    }

    /// <summary>A validator whose constructors need nothing but the clock (a singleton) can be shared by every request.</summary>
    internal static bool IsStateless(Type validator) =>
        validator.GetConstructors().All(c => c.GetParameters().All(p => p.ParameterType == typeof(IClock)));
}
