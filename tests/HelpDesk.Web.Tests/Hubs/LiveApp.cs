using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Testing;
using HelpDesk.Web.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>The real app on a Kestrel port, so SignalR clients connect over real sockets (WebSockets).</summary>
public class LiveApp : HelpDeskAppFactory
{
    private readonly string? _redis;
    private readonly string? _sharedDatabase;

    public LiveApp()
    {
    }

    /// <summary>One node of several: SignalR over the Redis backplane, optionally on another node's database.</summary>
    internal LiveApp(string redis, string? sharedDatabase)
    {
        _redis = redis;
        _sharedDatabase = sharedDatabase;
    }

    protected override bool UseRealServer => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_redis is not null)
        {
            builder.UseSetting("ConnectionStrings:Redis", _redis);
        }

        if (_sharedDatabase is not null)
        {
            builder.UseSetting("ConnectionStrings:HelpDesk", _sharedDatabase);
        }
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

    public HttpClient Http(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async Task<string> TokenAsync(string email)
    {
        using var http = Http();
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Demo.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A hub connection authenticated with an API bearer token (not started).</summary>
    public async Task<HubConnection> HubWithTokenAsync(string email, string? path = null)
    {
        var token = await TokenAsync(email);
        return Build(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token), path);
    }

    /// <summary>A hub connection carrying the cookie of a sign-in through the login page, as a browser would (not started).</summary>
    public async Task<HubConnection> HubWithCookieAsync(string email, string? path = null)
    {
        var cookies = new CookieContainer();
        using (var http = Http(cookies))
        {
            await Pages.PageSession.SignInAsync(http, email);
        }

        return Build(options => options.Cookies = cookies, path);
    }

    public HubConnection AnonymousHub(string? path = null) => Build(_ => { }, path);

    private HubConnection Build(Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure, string? path = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, path ?? AgentHub.Path), configure)
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
}
