using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Tests.Hubs;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Security;

/// <summary>The matrix's own app on a Kestrel port (its hub methods are called over real sockets).</summary>
public sealed class MatrixApp : LiveApp;

/// <summary>
/// Issue 14, item 3: an authorization matrix generated from the app's own endpoint metadata. Every API operation, every
/// Razor page handler (GET and POST) and every hub method is called as each of eight people, and the outcome is compared
/// with <see cref="AuthorizationExpectations"/>. The target of every route id is subscriber A's Tier 3 case (or A's
/// chat, which sits at Tier 3, or A's subscriber record), so subscriber B calls with A's ids and Tier 1 calls on a Tier 3
/// case. A new endpoint without an expectation fails; a denied call must change nothing (row counts before and after);
/// and the body of every answer given to someone who may not see A's Tier 3 case is scanned for its subject, its
/// internal note, its search word and its id.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixApp app, ITestOutputHelper output) : IClassFixture<MatrixApp>
{
    private const string SecretWord = "quokkamatrix";
    private const string SecretNote = "Internal only: the SIM swap came from a reseller account quokkamatrix";

    /// <summary>Tables a refused call must not touch.</summary>
    private static readonly string[] WatchedTables =
    [
        "cases", "interactions", "audit_events", "credit_entries", "credit_requests", "escalation_requests", "notifications",
        "chat_conversations", "chat_messages", "callback_requests", "outbound_emails", "macros", "routing_rules", "sla_policies",
        "mailboxes", "follow_ups", "callback_attempts", "case_participants", "satisfaction_surveys", "subscribers", "agents", "queues",
    ];

    [Fact]
    public async Task Every_endpoint_page_handler_and_hub_method_has_an_expectation_and_every_expectation_an_endpoint()
    {
        var operations = await OperationsAsync();
        operations.Count.ShouldBeGreaterThan(150, "the enumeration found too few operations to be trusted");
        var keys = operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        var missing = keys.Where(k => !AuthorizationExpectations.Table.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var stale = AuthorizationExpectations.Table.Keys.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        missing.ShouldBeEmpty("each new endpoint, page handler or hub method needs a row in AuthorizationExpectations.Table:\n"
            + string.Join("\n", missing.Select(k => $"[\"{k}\"] = \"?\",")));
        stale.ShouldBeEmpty("expectations for operations that no longer exist");
    }

    [Fact]
    public async Task Each_person_reaches_exactly_what_the_expectation_table_allows_refusals_change_nothing_and_nothing_leaks()
    {
        var world = await WorldAsync();
        var operations = (await OperationsAsync()).Where(o => AuthorizationExpectations.Table.ContainsKey(o.Key)).ToList();
        var failures = new List<string>();
        var calls = 0;

        // Pass 1: only the calls the table refuses, then prove they changed nothing.
        var before = await CountsAsync();
        foreach (var operation in operations)
        {
            foreach (var persona in Personas.All)
            {
                if (!AuthorizationExpectations.Allows(operation.Key, persona))
                {
                    calls++;
                    await CheckAsync(world, operation, persona, allowed: false, failures);
                }
            }
        }

        var after = await CountsAsync();
        foreach (var table in WatchedTables.Where(t => before[t] != after[t]))
        {
            failures.Add($"refused calls changed {table}: {before[table]} rows before, {after[table]} after");
        }

        // Pass 2: the calls the table allows (least privileged first, session-ending calls last).
        foreach (var operation in operations.OrderBy(o => AuthorizationExpectations.Rank(o.Key)))
        {
            foreach (var persona in Personas.All)
            {
                if (AuthorizationExpectations.Allows(operation.Key, persona))
                {
                    calls++;
                    await CheckAsync(world, operation, persona, allowed: true, failures);
                }
            }
        }

        // The context panels of A's lower-tier case, and the lists, for those below Tier 3.
        foreach (var persona in new[] { Persona.Tier1, Persona.Tier2 })
        {
            foreach (var path in new[] { $"/Agent/Cases/Details/{world.OwnerTier1Case}", "/Agent/Cases", $"/api/v1/search?q={SecretWord}", "/api/v1/notifications", $"/api/v1/subscribers/{world.Owner}/credits" })
            {
                using var response = await world.Client(persona, path.StartsWith("/api/", StringComparison.Ordinal)).GetAsync(path);
                calls++;
                Scan(world, persona, $"GET {path}", path, await response.Content.ReadAsStringAsync(), failures);
            }
        }

        output.WriteLine($"{operations.Count} operations, {calls} calls, {failures.Count} failures");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private async Task CheckAsync(World world, Operation operation, Persona persona, bool allowed, List<string> failures)
    {
        var (observed, body, detail) = operation.Kind == OperationKind.Hub
            ? await CallHubAsync(world, operation, persona)
            : await CallHttpAsync(world, operation, persona);
        if (observed == Outcome.ServerError)
        {
            failures.Add($"{operation.Key} as {persona}: server error {detail}");
            return;
        }

        var ok = allowed
            ? observed == Outcome.Allowed || (observed == Outcome.NotFound && !operation.HasRealTarget)
            : observed is Outcome.Denied or Outcome.NotFound;
        if (!ok)
        {
            failures.Add($"{operation.Key} as {persona}: expected {(allowed ? "allowed" : "refused")}, got {observed} ({detail})");
        }

        if (!Personas.SeesOwnerTier3Case(persona))
        {
            // An id the caller sent (in the route, or as a hub argument) may come back in "… was not found".
            var sent = operation.Kind == OperationKind.Hub
                ? string.Join(" ", operation.HubMethod!.GetParameters().Select(p => HubArgument(world, operation, p) switch
                {
                    StartChatRequest start => start.CaseId.ToString(),
                    var value => value?.ToString(),
                }))
                : operation.Url(world);
            Scan(world, persona, operation.Key, sent, body, failures);
        }
    }

    private static void Scan(World world, Persona persona, string key, string url, string body, List<string> failures)
    {
        var secrets = new List<string> { SecretNote, SecretWord, world.Tier3Subject };
        if (!url.Contains(world.Tier3Case.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            secrets.Add(world.Tier3Case.ToString());
        }

        foreach (var secret in secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"{key} as {persona}: the answer contains \"{secret}\", which {persona} may not see");
        }
    }

    private static async Task<(Outcome, string Body, string Detail)> CallHttpAsync(World world, Operation operation, Persona persona)
    {
        var url = operation.Url(world);
        var client = world.Client(persona, operation.Kind == OperationKind.Api && operation.Route.StartsWith("/api/", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.Kind == OperationKind.Page && operation.Method == "POST")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = world.Token(persona) });
        }
        else if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            // An endpoint that takes one content type (raw email) is called with it, or routing answers 415 first.
            request.Content = operation.ContentType == "application/json"
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new StringContent("Subject: matrix\r\n\r\nmatrix\r\n", Encoding.UTF8, operation.ContentType);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        var outcome = status switch
        {
            >= 500 => Outcome.ServerError,
            401 or 403 => Outcome.Denied,
            404 => Outcome.NotFound,
            >= 300 and < 400 when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
                || location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => Outcome.Denied,
            _ => Outcome.Allowed,
        };
        return (outcome, body, $"{operation.Method} {url}: {status}{(location.Length > 0 ? " → " + location : "")}");
    }

    private static async Task<(Outcome, string Body, string Detail)> CallHubAsync(World world, Operation operation, Persona persona)
    {
        var connection = await world.HubAsync(persona, operation.HubPath!);
        if (connection is null)
        {
            return (Outcome.Denied, "", "could not connect");
        }

        try
        {
            // Typing, sending, ending… need the caller to have joined first: join (as far as they may), then call.
            if (operation.HubMethod!.Name is not ("JoinCase" or "JoinChat" or "StartChat") && !operation.HubMethod.Name.StartsWith("Leave", StringComparison.Ordinal))
            {
                try
                {
                    // A chat method joins the chat (the staff hub's JoinChat takes no access token), a case method the case.
                    _ = operation.HubMethod.GetParameters() is not [{ Name: "chatId" }, ..]
                        ? await connection.InvokeCoreAsync("JoinCase", typeof(JsonElement), [world.Tier3Case])
                        : operation.HubPath == AgentHub.Path
                            ? await connection.InvokeCoreAsync("JoinChat", typeof(JsonElement), [world.Tier3Chat, 0L])
                            : await connection.InvokeCoreAsync("JoinChat", typeof(JsonElement), [world.Tier3Chat, 0L, null]);
                }
                catch (HubException)
                {
                }
            }

            var args = operation.HubMethod.GetParameters().Select(p => HubArgument(world, operation, p)).ToArray();
            var result = await connection.InvokeCoreAsync(operation.HubMethod.Name, typeof(JsonElement), args);
            var body = result is JsonElement json ? json.GetRawText() : "";
            return (Outcome.Allowed, body, "returned");
        }
        catch (HubException ex)
        {
            // The hub's own message ("HubException: …") is either a refusal (not found, sign in, staff only, join first) or,
            // for someone who got past those, what is wrong with the (empty) arguments or the chat's state. Anything else
            // thrown on the server arrives as a bare "An unexpected error occurred invoking …".
            if (!ex.Message.Contains("HubException:", StringComparison.Ordinal))
            {
                return (Outcome.ServerError, ex.Message, ex.Message);
            }

            return (HubRefusals.Any(r => ex.Message.Contains(r, StringComparison.OrdinalIgnoreCase)) ? Outcome.Denied : Outcome.Allowed, ex.Message, ex.Message);
        }
    }

    /// <summary>What the hubs say when they refuse a caller (as opposed to refusing the arguments).</summary>
    private static readonly string[] HubRefusals =
        ["was not found", "sign in", "Sign out", "Only support staff", "cannot open", "Join the chat first", "Open the case before", "not allowed", "may not"];

    private static object? HubArgument(World world, Operation operation, ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(Guid))
        {
            return parameter.Name switch
            {
                "chatId" => world.Tier3Chat,
                "caseId" => world.Tier3Case,
                _ => Guid.NewGuid(),
            };
        }

        return type switch
        {
            _ when type == typeof(long) || type == typeof(int) => 5,
            _ when type == typeof(bool) => true,
            _ when type == typeof(string) => parameter.Name == "text" ? "matrix" : null,
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when operation.HubMethod!.Name == "StartChat" => new StartChatRequest(null, null, null, world.Tier3Case, "matrix"),
            _ => null,
        };
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in WatchedTables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", db);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var services = app.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var operations = new List<Operation>();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                if (!pages.Add(page.RelativePath))
                {
                    continue;
                }

                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var key = $"PAGE {method} {route}{(string.IsNullOrEmpty(handler.Name) ? "" : "?handler=" + handler.Name)}";
                    operations.Add(new Operation(key, OperationKind.Page, method, route, handler.Name));
                }

                continue;
            }

            if (!route.StartsWith("/api/", StringComparison.Ordinal) && !route.StartsWith("/attachments/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                operations.Add(new Operation($"{method} {route}", OperationKind.Api, method, route, null)
                {
                    ContentType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] ? accepted : "application/json",
                });
            }
        }

        foreach (var (hub, path) in new[] { (typeof(AgentHub), AgentHub.Path), (typeof(ChatHub), ChatHub.Path) })
        {
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                if (method.Name is nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync) or nameof(Hub.Dispose))
                {
                    continue;
                }

                operations.Add(new Operation($"HUB {hub.Name}.{method.Name}", OperationKind.Hub, "INVOKE", path, null) { HubMethod = method, HubPath = path });
            }
        }

        return [.. operations.DistinctBy(o => o.Key).OrderBy(o => o.Key, StringComparer.Ordinal)];
    }

    private World? _world;

    private async Task<World> WorldAsync()
    {
        if (_world is not null)
        {
            return _world;
        }

        var world = new World(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var tier3 = await db.Cases.Where(c => c.Subject == Credits.CreditTestData.Tier3CaseSubject).Select(c => new { c.Id, c.SubscriberId, c.Subject }).SingleAsync();
            world.Tier3Case = tier3.Id;
            world.Tier3Subject = tier3.Subject;
            world.Owner = tier3.SubscriberId;
            world.OwnerEmail = await db.Subscribers.Where(s => s.Id == tier3.SubscriberId).Select(s => s.Email).SingleAsync();
            world.OwnerTier1Case = await db.Cases.Where(c => c.SubscriberId == tier3.SubscriberId && c.Tier == Domain.Agents.AgentTier.Tier1).Select(c => c.Id).FirstAsync();
        }

        world.OwnerEmail.ShouldBe(Demo.Bob, "subscriber A is the owner of the seeded Tier 3 case");
        await world.SignInAllAsync();

        // A's Tier 3 case carries a message with the search word and an internal note; A's chat moves to Tier 3.
        var owner = world.Client(Persona.Owner, api: true);
        (await owner.PostAsJsonAsync($"/api/v1/cases/{world.Tier3Case}/messages", new { body = $"Please look at it soon, {SecretWord}." })).EnsureSuccessStatusCode();
        (await world.Client(Persona.Tier3, api: true).PostAsJsonAsync($"/api/v1/cases/{world.Tier3Case}/messages", new { body = SecretNote, @internal = true }))
            .EnsureSuccessStatusCode();
        var chat = await (await owner.PostAsJsonAsync("/api/v1/chats", new { firstMessage = "My account was taken over" })).Content.ReadFromJsonAsync<JsonElement>();
        world.Tier3Chat = chat.GetProperty("chat").GetProperty("id").GetGuid();
        var chatCase = chat.GetProperty("chat").GetProperty("caseId").GetGuid();
        (await owner.PostAsync($"/api/v1/chats/{world.Tier3Chat}/ask-for-person", null)).EnsureSuccessStatusCode();
        // "Taken over" routes the chat's case straight to Tier 3 (sensitive categories skip the lower tiers).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            (await db.Cases.Where(c => c.Id == chatCase).Select(c => c.Tier).SingleAsync()).ShouldBe(Domain.Agents.AgentTier.Tier3);
        }

        _world = world;
        return world;
    }

    internal enum OperationKind
    {
        Api,
        Page,
        Hub,
    }

    internal enum Outcome
    {
        Allowed,
        Denied,
        NotFound,
        ServerError,
    }

    internal sealed partial record Operation(string Key, OperationKind Kind, string Method, string Route, string? Handler)
    {
        public string ContentType { get; init; } = "application/json";

        public MethodInfo? HubMethod { get; init; }

        public string? HubPath { get; init; }

        /// <summary>True when every id in the route names something that exists (so an allowed caller must not get 404).</summary>
        /// <remarks>A route without ids (its target, if any, comes in the form or body) is never a real target.</remarks>
        public bool HasRealTarget => Kind == OperationKind.Hub
            || (!AuthorizationExpectations.FormTargets.Contains(Key) && RouteValue().Matches(Route) is { Count: > 0 } values && values.All(m => Fill(m, null) is not null));

        public string Url(World world)
        {
            var path = RouteValue().Replace(Route, m => Fill(m, world) ?? RandomValue(m));
            path = path.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/');
            if (path.Length == 0)
            {
                path = "/";
            }

            var query = new List<string>();
            if (Handler is { Length: > 0 })
            {
                query.Add("handler=" + Handler);
            }

            if (Route.EndsWith("/search", StringComparison.Ordinal) || Route.Contains("/Search", StringComparison.Ordinal))
            {
                query.Add("q=" + SecretWord);
            }

            return query.Count == 0 ? path : path + "?" + string.Join("&", query);
        }

        /// <summary>The real target of a route value, or null when the route's id is of a kind the matrix does not create.</summary>
        private string? Fill(Match value, World? world)
        {
            var name = value.Groups["name"].Value;
            var prefix = Route[..value.Index];
            string? Real(Func<World, Guid> pick) => world is null ? "real" : pick(world).ToString();
            return name switch
            {
                "caseId" => Real(w => w.Tier3Case),
                "id" when prefix.EndsWith("/api/v1/cases/", StringComparison.Ordinal) || prefix.EndsWith("/Cases/Details/", StringComparison.Ordinal)
                    || prefix.EndsWith("/Cases/Escalate/", StringComparison.Ordinal) || prefix.EndsWith("/Cases/Credit/", StringComparison.Ordinal)
                    || prefix.EndsWith("/Cases/Held/", StringComparison.Ordinal) || prefix.EndsWith("/Cases/", StringComparison.Ordinal)
                    || prefix.EndsWith("/Cases/Edit/", StringComparison.Ordinal) => Real(w => w.Tier3Case),
                "id" when prefix.EndsWith("/api/v1/chats/", StringComparison.Ordinal) || prefix.EndsWith("/Chats/Chat/", StringComparison.Ordinal) => Real(w => w.Tier3Chat),
                "id" when prefix.EndsWith("/api/v1/subscribers/", StringComparison.Ordinal) => Real(w => w.Owner),
                _ => null,
            };
        }

        private static string RandomValue(Match value) => value.Groups["constraint"].Value switch
        {
            ":int" => "999999",
            ":long" => "999999",
            _ when value.Groups["name"].Value == "queue" => "Email-Tier3",
            _ when value.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => value.Value.EndsWith("?}", StringComparison.Ordinal) ? "" : "matrix",
        };

        [GeneratedRegex("\\{(?<name>[A-Za-z]+)(?<constraint>:[a-z]+)?\\??\\}")]
        private static partial Regex RouteValue();
    }

    /// <summary>Signed-in clients (cookie for pages, bearer for the API) and hub connections for each person.</summary>
    internal sealed class World(MatrixApp app)
    {
        private readonly Dictionary<Persona, HttpClient> _pages = [];
        private readonly Dictionary<Persona, HttpClient> _api = [];
        private readonly Dictionary<Persona, string> _tokens = [];
        private readonly Dictionary<Persona, CookieContainer> _cookies = [];
        private readonly Dictionary<(Persona, string), HubConnection?> _hubs = [];

        public Guid Tier3Case { get; set; }
        public Guid Tier3Chat { get; set; }
        public Guid Owner { get; set; }
        public Guid OwnerTier1Case { get; set; }
        public string OwnerEmail { get; set; } = "";
        public string Tier3Subject { get; set; } = "";

        public HttpClient Client(Persona persona, bool api) => api ? _api[persona] : _pages[persona];

        public string Token(Persona persona) => _tokens[persona];

        public async Task SignInAllAsync()
        {
            foreach (var persona in Personas.All)
            {
                var cookies = new CookieContainer();
                var pages = app.Http(cookies);
                var api = app.Http();
                var email = Personas.Email(persona);
                if (email is not null)
                {
                    await PageSession.SignInAsync(pages, email);
                    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(email));
                }

                _tokens[persona] = await PageSession.TokenAsync(pages, email is null ? "/Account/Login" : await LandingAsync(pages));
                _pages[persona] = pages;
                _api[persona] = api;
                _cookies[persona] = cookies;
            }
        }

        /// <summary>Where "/" sends a signed-in person (its layout carries their antiforgery token).</summary>
        private static async Task<string> LandingAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/");
            return response.Headers.Location?.ToString() ?? "/";
        }

        public async Task<HubConnection?> HubAsync(Persona persona, string path)
        {
            if (_hubs.TryGetValue((persona, path), out var existing) && existing?.State == HubConnectionState.Connected)
            {
                return existing;
            }

            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.BaseAddress, path), options => options.Cookies = _cookies[persona])
                .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
                .Build();
            try
            {
                await connection.StartAsync();
            }
            catch (HttpRequestException)
            {
                await connection.DisposeAsync();
                connection = null;
            }

            _hubs[(persona, path)] = connection;
            return connection;
        }
    }
}

/// <summary>The eight people of the matrix, in the order their calls are made (least privileged first).</summary>
public enum Persona
{
    Anonymous,
    /// <summary>Subscriber A, who owns the Tier 3 case, the chat and the subscriber record every route id points at.</summary>
    Owner,
    /// <summary>Subscriber B, calling with A's ids.</summary>
    Stranger,
    /// <summary>A Tier 1 agent, on a Tier 3 case.</summary>
    Tier1,
    Tier2,
    Tier3,
    Supervisor,
    Admin,
}

internal static class Personas
{
    public static readonly Persona[] All = Enum.GetValues<Persona>();

    public static string? Email(Persona persona) => persona switch
    {
        Persona.Owner => Demo.Bob,
        Persona.Stranger => Demo.Alice,
        Persona.Tier1 => Demo.Agent1,
        Persona.Tier2 => Demo.Agent2,
        Persona.Tier3 => Demo.Agent3,
        Persona.Supervisor => Demo.Supervisor,
        Persona.Admin => Demo.Admin,
        _ => null,
    };

    /// <summary>Who may read A's Tier 3 case (its subject, messages, id) anywhere.</summary>
    public static bool SeesOwnerTier3Case(Persona persona) => persona is Persona.Owner or Persona.Tier3 or Persona.Supervisor;

    /// <summary>The letter of each person in an expectation: "-" anonymous, A and B subscribers, 1/2/3 tiers, S supervisor, X admin.</summary>
    public static char Letter(Persona persona) => "-AB123SX"[(int)persona];
}

