using System.Reflection;
using HelpDesk.Application.Common.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// A feature's part in every command's transaction (ADR 0118). <see cref="TransactionBehavior{TMessage, TResponse}"/> knows no
/// feature: it calls each participant's <see cref="BeforeSaveAsync"/> after the handler and before the one
/// <c>SaveChanges</c> (to add derived rows, refresh derived columns, or note what changed), and
/// <see cref="AfterCommitAsync"/> once the transaction committed (to publish live updates). Participants are scoped: what
/// one collects for the current command it keeps until <see cref="Reset"/>.
/// </summary>
public interface ITransactionParticipant
{
    /// <summary>Lower runs first, before save and after commit (see <see cref="TransactionStage"/>).</summary>
    int Order => TransactionStage.Observe;

    /// <summary>Inside the transaction, after the handler, before the changes are saved.</summary>
    ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// After the commit only (never after a rollback). Best effort: the command has committed, so a failure here is
    /// logged and does not fail the command.
    /// </summary>
    ValueTask AfterCommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Forget what this command collected: before a retried attempt, after a failure, after publishing.</summary>
    void Reset()
    {
    }
}

/// <summary>When a participant runs, so the order does not depend on the order of registration.</summary>
public static class TransactionStage
{
    /// <summary>Adds rows that follow from the command's rows (an opened case linked to an open incident).</summary>
    public const int AddRows = 0;

    /// <summary>Recomputes columns derived from the tracked rows (SLA deadlines).</summary>
    public const int Derive = 100;

    /// <summary>
    /// Notes what the command changed (for live updates), once every row is final. A participant of this stage (or of
    /// Prune) only reads the tracked rows: changes are detected once when the first of these participants begins (ADR
    /// 0126), so a property one of them changed would not be seen by the others.
    /// </summary>
    public const int Observe = 200;

    /// <summary>Drops rows that turned out to say nothing (an audit row that changed nothing).</summary>
    public const int Prune = 300;
}

public static class TransactionParticipantRegistration
{
    /// <summary>
    /// Registers every participant class in <paramref name="assembly"/> as scoped, under its own type and as
    /// <see cref="ITransactionParticipant"/> (the same instance), so a feature adds one by adding the class to its folder.
    /// </summary>
    public static IServiceCollection AddTransactionParticipants(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(ITransactionParticipant).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            services.AddTransactionParticipant(type);
        }

        return services;
    }

    /// <summary>Registers one participant (scoped), under its own type and as <see cref="ITransactionParticipant"/>.</summary>
    public static IServiceCollection AddTransactionParticipant<TParticipant>(this IServiceCollection services)
        where TParticipant : class, ITransactionParticipant =>
        services.AddTransactionParticipant(typeof(TParticipant));

    private static IServiceCollection AddTransactionParticipant(this IServiceCollection services, Type type)
    {
        services.TryAddScoped(type);
        if (!services.Any(d => d.ServiceType == typeof(ITransactionParticipant) && d.ImplementationFactory?.Target is Forward f && f.Type == type))
        {
            services.AddScoped(typeof(ITransactionParticipant), new Forward(type).Resolve);
        }

        return services;
    }

    private sealed class Forward(Type type)
    {
        public Type Type { get; } = type;

        public object Resolve(IServiceProvider services) => services.GetRequiredService(Type);
    }
}
