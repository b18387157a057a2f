using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Incidents;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Output caching of the public pages that are the same for every anonymous visitor (ADR 0121): the status page and
/// "Contact us". Only anonymous GETs answered 200 without Set-Cookie are stored or served (ASP.NET Core's default policy:
/// a signed-in request or one with an Authorization header is never served from the cache nor stored). The copy varies by
/// the visitor's time-zone cookie and culture, the only inputs of those pages besides the data. The Content-Security-Policy
/// header is written again for every response (<see cref="Security.SecurityHeaders"/> runs before the cache), so a cached
/// page never carries a usable nonce: its scripts are all external, allowed by <c>'self'</c>.
/// </summary>
public static class PublicPageCache
{
    public const string StatusPolicy = "public-status";
    public const string ContactPolicy = "public-contact";

    /// <summary>Evicted when an incident or one of its public updates changes (<see cref="IncidentChangesEvictStatusPage"/>).</summary>
    public const string IncidentsTag = "incidents";

    /// <summary>
    /// The longest a cached status page lives: bounds what a node that did not make a change can show (eviction is per
    /// node) and the "resolved in the last week" window, which moves with the clock.
    /// </summary>
    public static readonly TimeSpan StatusLifetime = TimeSpan.FromSeconds(30);

    /// <summary>"Contact us" shows configured hours (read at start) in the visitor's zone; the clock only moves its offsets.</summary>
    public static readonly TimeSpan ContactLifetime = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.AddPolicy(StatusPolicy, b => b.Expire(StatusLifetime).Tag(IncidentsTag).VaryByValue(Viewer));
            options.AddPolicy(ContactPolicy, b => b.Expire(ContactLifetime).VaryByValue(Viewer));
        });
        // After AddRazorPages (which registers the framework's provider): the layout's TempData look no longer deletes a
        // cookie the visitor does not have.
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, QuietCookieTempDataProvider>());
        return services;
    }

    // The zone the browser reported (ViewerTime's cookie) and the culture the page is written in.
    private static KeyValuePair<string, string> Viewer(HttpContext context) =>
        new("viewer", (context.Request.Cookies[ViewerTime.CookieName] ?? "") + "|" + CultureInfo.CurrentUICulture.Name);
}

/// <summary>
/// After a command that changed an incident or its public updates commits, the cached status pages of this node are
/// dropped, so the next visitor sees the change at once (a transaction participant, ADR 0118).
/// </summary>
public sealed class IncidentChangesEvictStatusPage(IOutputCacheStore store) : ITransactionParticipant
{
    private bool _changed;

    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        _changed |= db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Incident or IncidentUpdate);
        return ValueTask.CompletedTask;
    }

    public async ValueTask AfterCommitAsync(CancellationToken cancellationToken)
    {
        if (_changed)
        {
            await store.EvictByTagAsync(PublicPageCache.IncidentsTag, cancellationToken);
        }
    }

    public void Reset() => _changed = false;
}

/// <summary>
/// The framework's cookie TempData provider, except that a page which only looked at TempData (the layout's flash
/// message) answers no <c>Set-Cookie</c> when the visitor has no TempData cookie: the framework would send a deletion
/// of a cookie that is not there on every page, and an answer that sets a cookie is never output-cached (ADR 0121).
/// </summary>
public sealed class QuietCookieTempDataProvider(
    Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider inner,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions> options) : Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        var name = options.Value.Cookie.Name ?? Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider.CookieName;
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(name))
        {
            return;
        }

        inner.SaveTempData(context, values);
    }
}
