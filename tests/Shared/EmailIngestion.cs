using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Workers;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Testing;

public static class EmailIngestion
{
    /// <summary>Ingests raw MIME the way the poller and the endpoint do: as the system, through the whole pipeline.</summary>
    public static async Task<IngestEmail.Result> IngestAsync(this IServiceProvider services, byte[] raw, string source = "api", Guid? mailboxId = null)
    {
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-email");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestEmail.Command(raw, source, mailboxId));
    }
}
