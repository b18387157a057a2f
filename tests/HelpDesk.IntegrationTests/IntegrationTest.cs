using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests;

/// <summary>Base for use-case tests: the real command pipeline on a real PostgreSQL database per class.</summary>
public abstract class IntegrationTest(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    protected HelpDeskAppFactory App { get; } = app;

    /// <summary>Sends <paramref name="request"/> through the mediator as <paramref name="email"/> (null: anonymous).</summary>
    protected async Task<TResponse> SendAs<TResponse>(string? email, IMessage request)
    {
        var identity = email is null ? new TestIdentity() : await Demo.IdentityAsync(App.Services, email);
        using (TestIdentity.As(identity))
        {
            await using var scope = App.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            return (TResponse)(await mediator.Send((object)request))!;
        }
    }

    protected async Task<T> WithDb<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }
}
