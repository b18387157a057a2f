using System.Text.Json.Serialization;
using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Web.Api;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Security;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using Serilog;

namespace HelpDesk.Web.Hosting;

internal static class WebHost
{
    public static void AddHelpDeskWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddHelpDeskCore();
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentUser>();
        // A background worker's scope says who it is (CurrentUserOverride); everything else is the HTTP principal.
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserOverride>().User ?? sp.GetRequiredService<HttpCurrentUser>());
        services.AddHelpDeskWorkers();
        services.AddScoped<ViewerTime>();
        services.AddScoped<LocalTimeWriter>();
        services.AddScoped<HelpDesk.Web.Pages.Shared.Components.NavigationBadges>();

        services.AddIdentity<HelpDeskUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = Security.SignInMessages.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(Security.SignInMessages.LockoutMinutes);
                options.SignIn.RequireConfirmedAccount = false;
                // A self-registered account signs in only after confirming its address (ADR 0113); seeded and invited accounts are confirmed.
                options.SignIn.RequireConfirmedEmail = true;
                options.Tokens.EmailConfirmationTokenProvider = ConfirmationTokenProvider.ProviderName;
                options.Tokens.ChangeEmailTokenProvider = ConfirmationTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<HelpDeskDbContext>()
            .AddUserStore<HelpDesk.Infrastructure.Identity.HelpDeskUserStore>()
            .AddSignInManager<HelpDeskSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ConfirmationTokenProvider>(ConfirmationTokenProvider.ProviderName);
        services.AddAccountLinks();
        // Lifetimes and the per-request session check: see AddHelpDeskSessions (Security/Sessions.cs).
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "helpdesk.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Subscriber, p => p.RequireRole(Roles.Subscriber).RequireClaim(HelpDeskClaims.SubscriberId))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Agent, Roles.Supervisor).RequireClaim(HelpDeskClaims.AgentId))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        services.AddDataProtection().SetApplicationName("HelpDesk").PersistKeysToDbContext<HelpDeskDbContext>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "helpdesk.csrf";
            // Secure whenever the request came over HTTPS (the framework's default for this cookie is never).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "X-CSRF-TOKEN";
            // SecurityHeaders sends X-Frame-Options: DENY on every response, not only on pages with forms.
            options.SuppressXFrameOptionsHeader = true;
        });

        services.AddWebOptions();
        services.AddHelpDeskRateLimits();

        // Let an oversized field reach the validator, which names the field and the limit; bodies over
        // Kestrel's 30 MB cap still get 413 and the "too large" page.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.ValueLengthLimit = 16 * 1024 * 1024);
        services.AddTransactionParticipant<IncidentChangesEvictStatusPage>();
        services.AddLocalization();
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeAreaFolder("Portal", "/", Policies.Subscriber);
                options.Conventions.AuthorizeAreaFolder("Agent", "/", Policies.Staff);
                options.Conventions.AuthorizeAreaFolder("Admin", "/", Policies.Admin);
            })
            .AddViewLocalization()
            .AddMvcOptions(options =>
            {
                options.Filters.Add(new UnknownHandlerFilter());
                options.Filters.Add(new NotFoundPageFilter());
                options.Filters.Add(new TextInputFilters.PageFilter());
                options.ModelBinderProviders.Insert(0, new ExactDecimal.ModelBinderProvider());
                // One message per field: the use case's validator says what is wrong; model binding adds no generic
                // "The X field is required." beside it for every non-nullable string (issue 15).
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            });
        services.AddPublicPageCache();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.Converters.Add(new ExactDecimal.JsonConverter());
        });
        services.AddProblemDetails();
        // Malformed JSON or a missing body reaches ApiExceptionHandler and gets a problem-details answer.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        // A real round trip with a deadline: opening a pooled connection proves nothing while the server is down or frozen.
        services.AddHealthChecks().AddDbContextCheck<HelpDeskDbContext>("database", tags: ["ready"], customTestQuery: DatabaseAnswersAsync);
        services.AddHelpDeskRealtime(configuration);
        services.AddHelpDeskSessions();
        services.AddHelpDeskTwoFactor();
        services.AddScoped<TwoFactorLogin>();
    }

    private static async Task<bool> DatabaseAnswersAsync(HelpDeskDbContext db, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            // Straight on the connection: not through the execution strategy, which would wait out a restart.
            await using var probe = new Npgsql.NpgsqlConnection(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
            await probe.OpenAsync(deadline.Token);
            await using var command = new Npgsql.NpgsqlCommand("SELECT 1", probe);
            return await command.ExecuteScalarAsync(deadline.Token) is 1;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public static void UseHelpDeskWeb(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own Serilog logger: each host keeps its logger to itself (preserveStaticLogger in Program.cs), and
            // the middleware would otherwise write to the static one, which nobody configures, so no request was logged.
            options.Logger = app.Services.GetService<Serilog.ILogger>();
            // The one Information line of a page or API read says who asked: the queries a request sends log at Debug
            // (LoggingBehavior, ADR 0130); commands still log their own line.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms for {UserId}";
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set(
                "UserId",
                context.User.Identity?.IsAuthenticated == true
                    ? context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "unknown"
                    : "anonymous");
            // Health probes (every few seconds from a load balancer or orchestrator) stay out of the request log unless they fail.
            var standard = options.GetLevel;
            options.GetLevel = (context, elapsedMs, ex) =>
                context.Request.Path.StartsWithSegments("/health") && ex is null && context.Response.StatusCode < 500
                    ? Serilog.Events.LogEventLevel.Verbose
                    : standard(context, elapsedMs, ex);
        });
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", AllowStatusCode404Response = true });
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        // Empty 401/403/404 answers from the API get a problem-details body.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages());
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorSetupGate();
        app.UseAuthorization();
        // After authentication: a signed-in request is never served from, nor stored in, the cache (ADR 0121).
        app.UseOutputCache();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        // Fonts from the app's own origin only (the API reference's CSP allows no third-party fonts).
        app.MapScalarApiReference(options => options.DisableDefaultFonts());
        app.MapHelpDeskApi();
        app.MapAttachmentDownloadForPages();
        app.MapHelpDeskHubs();
        app.MapRazorPages();
    }
}
