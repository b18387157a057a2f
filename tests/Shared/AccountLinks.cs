using System.Text.RegularExpressions;
using HelpDesk.Application.Accounts;
using HelpDesk.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Testing;

/// <summary>
/// Registration as a person does it: register, read the confirmation link from the real outbox row the app queued for
/// the address, and confirm with the password (never by setting the database flag).
/// </summary>
public static partial class AccountLinks
{
    /// <summary>The newest link to <paramref name="path"/> mailed to <paramref name="address"/> (from the outbox), as (userId, code).</summary>
    public static async Task<(string UserId, string Code, string Url)> LatestLinkAsync(IServiceProvider services, string address, string path)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var lowered = address.Trim().ToLowerInvariant();
        var bodies = await db.OutboundEmails.AsNoTracking().Where(e => e.ToAddress == lowered).OrderByDescending(e => e.CreatedAt).Select(e => e.TextBody).ToListAsync();
        foreach (var body in bodies)
        {
            if (FindLink(body, path) is { } link)
            {
                return link;
            }
        }

        throw new InvalidOperationException($"No mail to {address} holds a link to {path}.");
    }

    /// <summary>The first link to <paramref name="path"/> in a mail's text, as (userId, code, whole URL).</summary>
    public static (string UserId, string Code, string Url)? FindLink(string text, string path)
    {
        var match = LinkPattern().Matches(text).FirstOrDefault(m => m.Groups["path"].Value == path);
        if (match is null)
        {
            return null;
        }

        var query = System.Web.HttpUtility.ParseQueryString(match.Groups["query"].Value);
        return (query["userId"]!, query["code"]!, match.Value);
    }

    /// <summary>Registers through the use case and confirms through the mailed link; returns the new subscriber's id.</summary>
    public static async Task<Guid> RegisterConfirmedAsync(IServiceProvider services, RegisterSubscriber.Command command)
    {
        await SendAsync(services, command);
        var (userId, code, _) = await LatestLinkAsync(services, command.Email, "/Account/ConfirmEmail");
        var confirmed = (ConfirmAccount.Result)(await SendAsync(services, new ConfirmAccount.Command(userId, code, command.Password)))!;
        if (!confirmed.Succeeded)
        {
            throw new InvalidOperationException($"Confirmation of {command.Email} failed: {confirmed.Outcome}.");
        }

        return confirmed.SubscriberId!.Value;
    }

    private static async Task<object?> SendAsync(IServiceProvider services, IMessage message)
    {
        using (TestIdentity.As(new TestIdentity()))
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send((object)message);
        }
    }

    [GeneratedRegex(@"https?://[^\s/]+(?<path>/[A-Za-z/]+)\?(?<query>[^\s]+)")]
    private static partial Regex LinkPattern();
}
