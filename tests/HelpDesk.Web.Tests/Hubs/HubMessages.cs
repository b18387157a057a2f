using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>Collects what a real hub connection receives, so tests can wait for one message.</summary>
internal static class HubMessages
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static ChannelReader<T> Listen<T>(HubConnection connection, string method)
    {
        var channel = Channel.CreateUnbounded<T>();
        connection.On<T>(method, message => channel.Writer.TryWrite(message));
        return channel.Reader;
    }

    /// <summary>The next received message that matches, or a timeout after <see cref="Patience"/>.</summary>
    public static async Task<T> NextAsync<T>(ChannelReader<T> reader, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var message = await reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }
}
