using System.Collections.Concurrent;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Hands out one logger per category, as Microsoft's own <c>LoggerFactory</c> does (ADR 0136). Serilog's factory
/// (<c>UseSerilog</c> replaces the host's <see cref="ILoggerFactory"/> with it) builds a new logger on every
/// <see cref="ILoggerFactory.CreateLogger"/> call — an enriched Serilog logger and its own event-id cache — and ASP.NET
/// Core asks for loggers per connection and per request, relying on the factory to cache them: each live chat
/// connection held four such loggers (8,345 of them for 2,000 guests). Categories are type and component names, a set
/// fixed by the code, so the cache does not grow with traffic.
/// </summary>
public sealed class CachedLoggerFactory(ILoggerFactory inner, bool disposeInner = true) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    // Built once: a method group passed to GetOrAdd on every call would allocate a delegate per call.
    private readonly Func<string, ILogger> _create = inner.CreateLogger;

    /// <summary>Categories asked for so far (one logger each).</summary>
    public int Count => _loggers.Count;

    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return _loggers.GetOrAdd(categoryName, _create);
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        if (disposeInner)
        {
            inner.Dispose();
        }
    }

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's) in a <see cref="CachedLoggerFactory"/>.</summary>
    public static void Wrap(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to wrap.");
        services.Remove(registered);
        // The container disposed what it built; the wrapper now does. An instance registered as such stays its owner's.
        services.AddSingleton<ILoggerFactory>(sp => registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => new CachedLoggerFactory(instance, disposeInner: false),
            { ImplementationFactory: { } factory } => new CachedLoggerFactory((ILoggerFactory)factory(sp)),
            { ImplementationType: { } type } => new CachedLoggerFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(sp, type)),
            _ => throw new InvalidOperationException("The registered ILoggerFactory cannot be built."),
        });
    }
}
