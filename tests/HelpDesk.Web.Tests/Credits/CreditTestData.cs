using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Credits;

internal static class CreditTestData
{
    public const string Tier1CaseSubject = "Video keeps buffering on my living-room TV";
    public const string Tier3CaseSubject = "Someone changed my email address";

    public static async Task<(Guid Tier1Case, Guid Tier3Case, Guid Alice)> IdsAsync(HelpDeskAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        return (
            await db.Cases.Where(c => c.Subject == Tier1CaseSubject).Select(c => c.Id).SingleAsync(),
            await db.Cases.Where(c => c.Subject == Tier3CaseSubject).Select(c => c.Id).SingleAsync(),
            await db.Subscribers.Where(s => s.Email == Demo.Alice).Select(s => s.Id).SingleAsync());
    }

    public static async Task<T> WithDbAsync<T>(HelpDeskAppFactory app, Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }
}
