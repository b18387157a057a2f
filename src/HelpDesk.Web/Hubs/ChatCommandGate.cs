using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Bounds the chat commands this node runs at once (<see cref="ChatHubOptions.CommandsInFlight"/>; ADR 0129). A hub call
/// waits here before it sends its command, so a backlog (more messages a second than the node can store) waits as a
/// parked call — no DI scope's services, no pooled <c>DbContext</c>, no tracked rows, no pooled connection requested — instead
/// of thousands of half-run commands queued inside the connection pool. Waiters go in arrival order; a call whose
/// connection closes while it waits leaves the line. The gate neither refuses nor drops anything: it only orders.
/// </summary>
public sealed class ChatCommandGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _waiting;

    public ChatCommandGate(IOptions<ChatHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Size = options.Value.CommandsInFlight > 0 ? options.Value.CommandsInFlight : DefaultSize;
        _slots = new SemaphoreSlim(Size, Size);
    }

    /// <summary>Eight per core: enough to keep the cores and PostgreSQL busy through each command's round trips.</summary>
    public static int DefaultSize => Math.Max(4, Environment.ProcessorCount * 8);

    public int Size { get; }

    /// <summary>Commands running now.</summary>
    public int Running => Size - _slots.CurrentCount;

    /// <summary>Calls waiting for a slot.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<T> RunAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            return await command();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
