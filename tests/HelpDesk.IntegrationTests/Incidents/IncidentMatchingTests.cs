using HelpDesk.Application.Common;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Incidents;

/// <summary>Issue 20 item 2: who an incident affects, as one SQL statement, agreeing with the domain rule.</summary>
public sealed class IncidentMatchingTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static readonly string[] CountryPool = ["US", "CA", "DE", "FR", "ES", "GB", "JP", "BR"];
    private static readonly string[] VersionPool = ["6.4.1", "6.4.2", "8.2.7", "8.3.0", "web"];

    private async Task SeedPopulationAsync()
    {
        await WithDb(async db =>
        {
            if (await db.Subscribers.AnyAsync(s => s.Email.StartsWith("match-")))
            {
                return 0;
            }

            var random = new Random(20);
            for (var n = 0; n < 400; n++)
            {
                var country = CountryPool[random.Next(CountryPool.Length)];
                var s = Subscriber.Create(null, $"match-{n}@example.net", "M", $"{n}", (SubscriptionPlan)random.Next(3), country, "en", "UTC", BillingCurrencies.ForCountry(country), DateTimeOffset.UtcNow);
                db.Subscribers.Add(s);
                for (var d = random.Next(4); d > 0; d--)
                {
                    db.SubscriberDevices.Add(SubscriberDevice.Create(s.Id, (DeviceKind)random.Next(6), "device", VersionPool[random.Next(VersionPool.Length)], DateTimeOffset.UtcNow));
                }
            }

            return await db.SaveChangesAsync();
        });
    }

    public static TheoryData<string> Scopes => new()
    {
        "countries=DE",
        "regions=Europe",
        "regions=NorthAmerica;countries=JP",
        "plans=Premium",
        "kinds=SmartTv",
        "versions=6.4.1",
        "kinds=SmartTv,StreamingStick;versions=6.4.1,8.2.7",
        "countries=US,DE;plans=Basic,Standard;kinds=Phone",
        "regions=LatinAmerica;versions=web",
        "",
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task The_SQL_match_finds_exactly_the_subscribers_the_domain_rule_affects(string spec)
    {
        await SeedPopulationAsync();
        var scope = Parse(spec);

        var (sql, expected) = await WithDb(async db =>
        {
            var matched = await IncidentMatching.Affected(db, scope).Where(s => s.Email.StartsWith("match-")).Select(s => s.Id).ToListAsync();
            var all = await db.Subscribers.AsNoTracking().Where(s => s.Email.StartsWith("match-")).Select(s => new { s.Id, s.Country, s.Plan }).ToListAsync();
            var devices = (await db.SubscriberDevices.AsNoTracking().Select(d => new { d.SubscriberId, d.Kind, d.AppVersion }).ToListAsync())
                .ToLookup(d => d.SubscriberId, d => (d.Kind, d.AppVersion));
            var byRule = all.Where(s => scope.Matches(s.Country, s.Plan, devices[s.Id])).Select(s => s.Id).ToList();
            return (matched, byRule);
        });

        expected.Count.ShouldBeGreaterThan(0, "the population should contain someone affected by " + spec);
        sql.Order().ShouldBe(expected.Order());
        if (!scope.IsEveryone)
        {
            sql.Count.ShouldBeLessThan(400);
        }
    }

    [Fact]
    public async Task The_match_is_one_statement_that_uses_the_device_index()
    {
        await SeedPopulationAsync();
        var scope = Parse("kinds=SmartTv;versions=6.4.1");
        var plan = await WithDb(async db =>
        {
            var sql = IncidentMatching.Affected(db, scope).Select(s => s.Id).ToQueryString();
            // ToQueryString lists the array parameters as comments; put their values in so EXPLAIN can plan the statement.
            var parameters = System.Text.RegularExpressions.Regex.Matches(sql, @"^-- (@\w+)=\{ (.*) \}.*$", System.Text.RegularExpressions.RegexOptions.Multiline);
            parameters.Count.ShouldBe(2);
            var statement = string.Join("\n", sql.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
            foreach (System.Text.RegularExpressions.Match p in parameters)
            {
                statement = statement.Replace(p.Groups[1].Value, $"ARRAY[{p.Groups[2].Value}]::text[]");
            }

            statement.ShouldNotContain(";");
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Off: on 400 rows a sequential scan is cheaper; the point is that an index serves the statement.
            command.CommandText = "SET enable_seqscan = off";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "EXPLAIN " + statement;
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(0));
                }
            }

            command.CommandText = "RESET enable_seqscan";
            await command.ExecuteNonQueryAsync();
            return string.Join("\n", lines);
        });
        plan.ShouldMatch(@"ix_subscriber_devices_(kind_)?version", plan);
        plan.ShouldContain("pk_subscribers", Case.Insensitive, plan);
    }

    [Fact]
    public async Task Tier1_may_look_but_not_declare_and_an_unknown_incident_is_not_found()
    {
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<DeclareIncident.Result>(Demo.Agent1,
            new DeclareIncident.Command("Down", "All down", "Critical", null, null)));
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Smart TVs in Spain", "Playback fails on smart TVs in Spain.", "Major", null, null, Countries: ["es"], DeviceKinds: ["SmartTv"]));

        var seen = await SendAs<IncidentDetails>(Demo.Agent1, new GetIncident.Query(declared.Id));
        seen.Title.ShouldBe("Smart TVs in Spain");
        seen.CanManage.ShouldBeFalse();
        seen.Scope.Countries.ShouldBe(["ES"]);
        await Should.ThrowAsync<NotFoundException>(() => SendAs<IncidentDetails>(Demo.Agent1, new GetIncident.Query(Guid.NewGuid())));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IncidentDetails>(Demo.Alice, new GetIncident.Query(declared.Id)));

        var audit = await WithDb(db => db.AuditEvents.Where(a => a.EntityId == declared.Id.ToString()).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["incident.declared"]);
    }

    [Fact]
    public async Task Bad_scope_values_get_a_message_naming_them_and_change_nothing()
    {
        var before = await WithDb(db => db.Incidents.CountAsync());
        var error = await Should.ThrowAsync<FluentValidation.ValidationException>(() => SendAs<DeclareIncident.Result>(Demo.Agent2,
            new DeclareIncident.Command("T", "D", "Severe", null, null, Regions: ["Atlantis"], Countries: ["Germany"], Plans: ["Gold"], DeviceKinds: ["Toaster"])));
        var messages = error.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        messages["Severity"].ShouldContain("Choose a severity");
        messages["Regions"].ShouldContain("'Atlantis' is not a region");
        messages["Countries"].ShouldContain("'Germany' is not a country code");
        messages["Plans"].ShouldContain("'Gold' is not a plan");
        messages["DeviceKinds"].ShouldContain("'Toaster' is not a device type");
        (await WithDb(db => db.Incidents.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Updates_notes_and_resolution_are_audited_and_a_resolved_incident_refuses_changes()
    {
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent3, new DeclareIncident.Command(
            "Login errors", "Some cannot sign in.", "Minor", DateTimeOffset.UtcNow.AddHours(-1), null, Plans: ["Basic"]));
        await SendAs<PostIncidentUpdate.Result>(Demo.Agent3, new PostIncidentUpdate.Command(declared.Id, "We found the cause.", false, "Major"));
        await SendAs<PostIncidentUpdate.Result>(Demo.Agent3, new PostIncidentUpdate.Command(declared.Id, "Bad deploy of auth service.", true));
        await SendAs<ResolveIncident.Result>(Demo.Supervisor, new ResolveIncident.Command(declared.Id, null, "Fixed by a rollback."));

        var details = await SendAs<IncidentDetails>(Demo.Agent2, new GetIncident.Query(declared.Id));
        details.Status.ShouldBe(IncidentStatus.Resolved);
        details.Severity.ShouldBe(IncidentSeverity.Major);
        details.ClosingNote.ShouldBe("Fixed by a rollback.");
        details.Updates.Select(u => u.Kind).ShouldBe([IncidentUpdateKind.Resolved, IncidentUpdateKind.InternalNote, IncidentUpdateKind.Update, IncidentUpdateKind.Declared]);
        var audit = await WithDb(db => db.AuditEvents.Where(a => a.EntityId == declared.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["incident.declared", "incident.updated", "incident.note", "incident.resolved"]);

        var refused = await Should.ThrowAsync<HelpDesk.Domain.Common.DomainRuleException>(() =>
            SendAs<PostIncidentUpdate.Result>(Demo.Agent3, new PostIncidentUpdate.Command(declared.Id, "More", false)));
        refused.Code.ShouldBe("incident.resolved");

        // The public status page and subscribers never see the internal note.
        var published = await SendAs<IReadOnlyList<PublicIncident>>(null, new ListPublicIncidents.Query());
        var mine = published.Single(p => p.Id == declared.Id);
        mine.Updates.ShouldNotContain(u => u.Body.Contains("auth service"));
        mine.Updates.Count.ShouldBe(3);
    }

    internal static IncidentScope Parse(string spec)
    {
        var parts = spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1].Split(','));
        string[] Get(string key) => parts.TryGetValue(key, out var v) ? v : [];
        return IncidentScope.Create(Get("regions"), Get("countries"), Get("plans").Select(Enum.Parse<SubscriptionPlan>), Get("kinds").Select(Enum.Parse<DeviceKind>), Get("versions"));
    }
}
