using FluentValidation;
using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Admin;

/// <summary>Issue 5: administrators set agents' skills, languages and capacity.</summary>
public sealed class AgentProfileAdminTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task Profiles_list_tier_skills_languages_capacity_and_active_load_and_changes_are_audited()
    {
        var profiles = await SendAs<IReadOnlyList<AgentProfileModel>>(Demo.Admin, new ListAgentProfiles.Query());
        var sam = profiles.Single(p => p.Email == Demo.Agent1);
        var load = await WithDb(db => db.Cases.CountAsync(c => c.AssigneeId == sam.Id && (c.Status == CaseStatus.New || c.Status == CaseStatus.Open || c.Status == CaseStatus.PendingInternal)));
        sam.ActiveLoad.ShouldBe(load);
        sam.Tier.ToString().ShouldBe("Tier1");

        var saved = await SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(sam.Id, [CaseCategory.Playback, CaseCategory.Devices, CaseCategory.Playback], ["ES", " pt "], 12));

        saved.Skills.ShouldBe(["Playback", "Devices"]);
        saved.Languages.ShouldBe(["es", "pt"]);
        saved.Capacity.ShouldBe(12);
        saved.Tier.ShouldBe(sam.Tier);
        var stored = await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == sam.Id));
        (stored.Capacity, stored.Languages.Count).ShouldBe((12, 2));
        var audit = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "agent.profile_changed" && a.EntityId == sam.Id.ToString()));
        (audit.EntityType, audit.CaseId).ShouldBe(("agent", (Guid?)null));
        AuditJson.Change(audit.Data, "capacity").ShouldBe((sam.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture), "12"));
        AuditJson.Change(audit.Data, "languages").ShouldBe((string.Join(", ", sam.Languages), "es, pt"));
        AuditJson.Change(audit.Data, "skills").To.ShouldBe("Playback, Devices");
    }

    [Fact]
    public async Task Bad_profiles_are_refused_with_specific_messages_and_unknown_agents_are_not_found()
    {
        var diego = await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Email == Demo.Agent3));

        var refused = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(diego.Id, [], ["en", "english!", "x"], 51)));

        refused.Errors.Select(e => e.ErrorMessage).ShouldBe(
        [
            "Languages are tags of 2 to 8 letters separated by commas, such as en, es; “english!, x” is not.",
            "Capacity must be between 1 and 50 active cases.",
        ], ignoreOrder: true);
        (await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == diego.Id))).Capacity.ShouldBe(diego.Capacity);
        await Should.ThrowAsync<NotFoundException>(() => SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(Guid.NewGuid(), [], [], 5)));
    }

    [Fact]
    public async Task Chat_capacity_changes_are_saved_audited_and_validated()
    {
        var who = await Staffing.AgentAsync(App.Services, "Chatty", AgentTier.Tier1, chatCapacity: 3);
        var id = who.AgentId!.Value;

        var saved = await SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(id, [], [], 8, 1));

        (saved.ChatCapacity, saved.ActiveChats).ShouldBe((1, 0));
        (await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == id))).ChatCapacity.ShouldBe(1);
        (await SendAs<IReadOnlyList<AgentProfileModel>>(Demo.Admin, new ListAgentProfiles.Query(id)))[0].ChatCapacity.ShouldBe(1);
        var audit = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "agent.profile_changed" && a.EntityId == id.ToString()));
        AuditJson.Change(audit.Data, "chatCapacity").ShouldBe(("3", "1"));

        // 0 is allowed (takes no chats); leaving it out keeps the value.
        (await SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(id, [], [], 8, 0))).ChatCapacity.ShouldBe(0);
        (await SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(id, [], [], 9))).ChatCapacity.ShouldBe(0);

        foreach (var bad in new[] { 11, -1 })
        {
            var refused = await Should.ThrowAsync<ValidationException>(() =>
                SendAs<AgentProfileModel>(Demo.Admin, new ChangeAgentProfile.Command(id, [], [], 8, bad)));
            refused.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ShouldBe([("ChatCapacity", "Chat capacity must be between 0 and 10 chats (0: takes no chats).")]);
        }

        (await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == id))).ChatCapacity.ShouldBe(0);
    }

    [Theory]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Agent2)]
    public async Task Only_administrators_see_or_change_work_profiles(string email)
    {
        var priya = await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Email == Demo.Agent2));

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<AgentProfileModel>(email, new ChangeAgentProfile.Command(priya.Id, [], [], 50)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<AgentProfileModel>>(email, new ListAgentProfiles.Query()));
        (await WithDb(db => db.Agents.AsNoTracking().SingleAsync(a => a.Id == priya.Id))).Capacity.ShouldBe(priya.Capacity);
    }
}
