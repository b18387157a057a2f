using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Incidents;

/// <summary>Issue 20 items 3 and 4: cases grouped under an incident, reply to all, the context panel, the banner and the assistant.</summary>
public sealed class IncidentCasesTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private const string DemoIncidentTitle = "Buffering on 2019 Samsung smart TVs (app 6.4.1)";

    private Task<DeclareIncident.Result> DeclareSpainAsync() => SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
        "Subtitles missing in Spain", "Spanish subtitles do not load.", "Minor", null, null, Countries: ["ES"], Categories: ["Content"]));

    private Task<List<Guid>> LinkedAsync(Guid incidentId) =>
        WithDb(db => db.IncidentCases.Where(l => l.IncidentId == incidentId).Select(l => l.CaseId).ToListAsync());

    [Fact]
    public async Task New_cases_from_affected_subscribers_in_a_linked_category_are_linked_automatically_and_others_are_not()
    {
        var incident = await DeclareSpainAsync();

        var bobContent = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("No subtitles", "Content", "Subtitles are gone."));
        var bobBilling = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Invoice", "Billing", "Where is my invoice?"));
        var aliceContent = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("No subtitles either", "Content", "Subtitles are gone."));

        var linked = await LinkedAsync(incident.Id);
        linked.ShouldContain(bobContent.Id);
        linked.ShouldNotContain(bobBilling.Id);
        linked.ShouldNotContain(aliceContent.Id);
        var audit = await WithDb(db => db.AuditEvents.Where(a => a.CaseId == bobContent.Id && a.EntityId == incident.Id.ToString() && a.Action == "incident.case_linked").CountAsync());
        audit.ShouldBe(1);

        var details = await SendAs<IncidentDetails>(Demo.Agent1, new GetIncident.Query(incident.Id));
        details.LinkedCases.ShouldContain(c => c.CaseId == bobContent.Id && c.Automatic);
    }

    [Fact]
    public async Task Agents_link_and_unlink_by_hand_and_a_case_they_may_not_open_is_refused_like_an_unknown_one()
    {
        var incident = await DeclareSpainAsync();
        var billing = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Charged in pesetas", "Billing", "Wrong currency."));

        var linked = await SendAs<LinkIncidentCase.Result>(Demo.Agent1, new LinkIncidentCase.Command(incident.Id, billing.Number));
        linked.AlreadyLinked.ShouldBeFalse();
        (await SendAs<LinkIncidentCase.Result>(Demo.Agent1, new LinkIncidentCase.Command(incident.Id, billing.Number))).AlreadyLinked.ShouldBeTrue();
        (await LinkedAsync(incident.Id)).ShouldContain(billing.Id);

        (await SendAs<bool>(Demo.Agent1, new UnlinkIncidentCase.Command(incident.Id, billing.Id))).ShouldBeTrue();
        (await LinkedAsync(incident.Id)).ShouldNotContain(billing.Id);

        // Bob's account-takeover case is held at Tier 3: Tier 1 is told it does not exist, exactly as for a made-up number.
        var takeover = await WithDb(db => db.Cases.Where(c => c.Category == CaseCategory.AccountTakeover).Select(c => c.Number).FirstAsync());
        var hidden = await Should.ThrowAsync<HelpDesk.Domain.Common.DomainRuleException>(() =>
            SendAs<LinkIncidentCase.Result>(Demo.Agent1, new LinkIncidentCase.Command(incident.Id, CaseNumber.Format(takeover))));
        var unknown = await Should.ThrowAsync<HelpDesk.Domain.Common.DomainRuleException>(() =>
            SendAs<LinkIncidentCase.Result>(Demo.Agent1, new LinkIncidentCase.Command(incident.Id, "HD-999999")));
        hidden.Message.Replace(CaseNumber.Format(takeover), "X").ShouldBe(unknown.Message.Replace("HD-999999", "X"));

        var actions = await WithDb(db => db.AuditEvents.Where(a => a.CaseId == billing.Id && a.Action.StartsWith("incident.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["incident.case_linked", "incident.case_unlinked"]);
    }

    [Fact]
    public async Task Reply_to_all_posts_one_public_reply_per_linked_case_once_per_request_and_can_resolve_them()
    {
        var incident = await DeclareSpainAsync();
        var first = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Subtitles 1", "Content", "Gone."));
        var second = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Subtitles 2", "Content", "Gone too."));
        var request = Guid.NewGuid();
        const string Body = "Subtitles are back; thank you for your patience.";

        var result = await SendAs<ReplyToLinkedCases.Result>(Demo.Agent2, new ReplyToLinkedCases.Command(incident.Id, request, Body, ResolveCases: true));
        result.Replied.ShouldBeGreaterThanOrEqualTo(2);
        var again = await SendAs<ReplyToLinkedCases.Result>(Demo.Agent2, new ReplyToLinkedCases.Command(incident.Id, request, Body, ResolveCases: true));
        again.Replied.ShouldBe(0);
        again.AlreadyReplied.ShouldBe(result.Replied);

        foreach (var id in new[] { first.Id, second.Id })
        {
            var replies = await WithDb(db => db.Interactions.CountAsync(i => i.CaseId == id && i.Body == Body && i.Visibility == Visibility.Public));
            replies.ShouldBe(1);
            (await WithDb(db => db.Cases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Resolved);
            (await WithDb(db => db.AuditEvents.CountAsync(a => a.CaseId == id && a.Action == "incident.case_replied"))).ShouldBe(1);
        }
    }

    [Fact]
    public async Task The_context_panel_and_the_banner_show_only_incidents_affecting_that_subscriber()
    {
        var incident = await DeclareSpainAsync();
        var bobCase = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Anything", "Other", "Hello."));
        var aliceCase = await WithDb(db => db.Cases.Where(c => c.Subject == "Video keeps buffering on my living-room TV").Select(c => c.Id).SingleAsync());

        var bobContext = await SendAs<IReadOnlyList<IncidentSummary>>(Demo.Agent1, new GetCaseIncidents.Query(bobCase.Id));
        bobContext.Select(i => i.Id).ShouldContain(incident.Id);
        bobContext.ShouldNotContain(i => i.Title == DemoIncidentTitle);
        var aliceContext = await SendAs<IReadOnlyList<IncidentSummary>>(Demo.Agent1, new GetCaseIncidents.Query(aliceCase));
        aliceContext.ShouldContain(i => i.Title == DemoIncidentTitle);
        aliceContext.ShouldNotContain(i => i.Id == incident.Id);

        (await SendAs<IReadOnlyList<PublicIncident>>(Demo.Bob, new GetMyIncidents.Query())).Select(i => i.Id).ShouldContain(incident.Id);
        (await SendAs<IReadOnlyList<PublicIncident>>(Demo.Alice, new GetMyIncidents.Query())).ShouldNotContain(i => i.Id == incident.Id);

        // A subscriber cannot use the staff context query, even on their own case.
        await Should.ThrowAsync<HelpDesk.Application.Common.NotFoundException>(() =>
            SendAs<IReadOnlyList<IncidentSummary>>(Demo.Bob, new GetCaseIncidents.Query(bobCase.Id)));
    }

    [Fact]
    public async Task The_assistant_answers_a_question_matching_an_open_incident_with_its_status_first_and_still_offers_a_person()
    {
        var alice = (await SendAs<StartChatResult>(Demo.Alice, new StartChat.Command(Language: "en"))).Chat;
        await SendAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(alice.Id, Guid.NewGuid(), "My Samsung TV keeps buffering every few minutes"));
        var bob = (await SendAs<StartChatResult>(Demo.Bob, new StartChat.Command(Language: "en"))).Chat;
        await SendAs<ChatAck>(Demo.Bob, new SendChatMessage.Command(bob.Id, Guid.NewGuid(), "My Samsung TV keeps buffering every few minutes"));

        var toAlice = await WithDb(db => db.ChatMessages.Where(m => m.ConversationId == alice.Id && m.AuthorKind == ChatAuthorKind.Assistant).OrderByDescending(m => m.Seq).Select(m => m.Text).FirstAsync());
        toAlice.ShouldStartWith($"This looks like a problem we already know about: \"{DemoIncidentTitle}\".");
        toAlice.ShouldContain("Talk to a person");
        var toBob = await WithDb(db => db.ChatMessages.Where(m => m.ConversationId == bob.Id && m.AuthorKind == ChatAuthorKind.Assistant).OrderByDescending(m => m.Seq).Select(m => m.Text).FirstAsync());
        toBob.ShouldNotContain("already know about");
    }
}
