using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Infrastructure;
using HelpDesk.Infrastructure.Chat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Tests.Chat;

/// <summary>The assistant's configuration is bound from HelpDesk:Chat:Assistant and refused at start-up when unusable.</summary>
public sealed class VirtualAssistantStartupTests
{
    [Fact]
    public async Task A_host_with_a_bad_assistant_configuration_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpDesk:Chat:Assistant:Intents:0:Key"] = "impostor",
            ["HelpDesk:Chat:Assistant:Intents:0:Patterns:0"] = "re:([unclosed",
            ["HelpDesk:Chat:Assistant:Intents:0:Answer"] = "Hi, my name is Jenny.",
        });
        builder.Services.AddInfrastructureOptions().AddVirtualAssistant();
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());
        error.Failures.ShouldContain(f => f.Contains("not a valid regular expression", StringComparison.Ordinal));
        error.Failures.ShouldContain(f => f.Contains("must not pretend to be a person", StringComparison.Ordinal));
    }

    [Fact]
    public void Configured_intents_are_bound_and_join_the_builtin_ones()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpDesk:Chat:Assistant:Intents:0:Key"] = "refund",
            ["HelpDesk:Chat:Assistant:Intents:0:Title"] = "refunds",
            ["HelpDesk:Chat:Assistant:Intents:0:Patterns:0"] = "refund*",
            ["HelpDesk:Chat:Assistant:Intents:0:Answer"] = "Refunds go back to the card you paid with.",
            ["HelpDesk:Chat:Assistant:Intents:0:Category"] = "Billing",
            ["HelpDesk:Chat:Assistant:Intents:0:Steps:0:Instruction"] = "Open Billing history.",
            ["HelpDesk:Chat:Assistant:Intents:0:Steps:0:Why"] = "It shows every refund and when it reaches you.",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddInfrastructureOptions().AddVirtualAssistant();
        using var provider = services.BuildServiceProvider();

        var assistant = provider.GetRequiredService<IVirtualAssistant>();
        var reply = assistant.Reply("I'd like a refund please", "en");
        reply.IntentKey.ShouldBe("refund");
        reply.Steps.Single().Why.ShouldBe("It shows every refund and when it reaches you.");
        assistant.Reply("my card was declined", "en").IntentKey.ShouldBe(VirtualAssistantDefaults.PaymentFailed);
        provider.GetRequiredService<VirtualAssistant>().ShouldBeSameAs(assistant);
    }
}
