using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Infrastructure.Workers;

public static class WorkerServices
{
    /// <summary>The background workers (each off when its interval is 0; their settings are bound by <c>AddInfrastructureOptions</c>).</summary>
    public static IServiceCollection AddHelpDeskWorkers(this IServiceCollection services)
    {
        services.AddSingleton<SlaSweeperService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaSweeperService>());
        services.AddSingleton<ImapPollerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ImapPollerService>());
        services.AddSingleton<EmailSenderService>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailSenderService>());
        services.AddSingleton<ChatSweeperService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatSweeperService>());
        services.AddSingleton<IncidentNoticeService>();
        services.AddHostedService(sp => sp.GetRequiredService<IncidentNoticeService>());
        return services;
    }
}
