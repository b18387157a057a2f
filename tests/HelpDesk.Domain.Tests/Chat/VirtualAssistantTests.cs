using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat.Assistant;

namespace HelpDesk.Domain.Tests.Chat;

public sealed class VirtualAssistantTests
{
    private static readonly VirtualAssistant Assistant = new(new VirtualAssistantOptions());

    [Theory]
    [InlineData("I can't sign in to my account", VirtualAssistantDefaults.SignIn)]
    [InlineData("forgot my password again", VirtualAssistantDefaults.SignIn)]
    [InlineData("The login page keeps saying my details are wrong", VirtualAssistantDefaults.SignIn)]
    [InlineData("I'm locked out of the app", VirtualAssistantDefaults.SignIn)]
    [InlineData("Never got the verification code", VirtualAssistantDefaults.SignIn)]
    [InlineData("My payment failed this month", VirtualAssistantDefaults.PaymentFailed)]
    [InlineData("card was DECLINED when renewing", VirtualAssistantDefaults.PaymentFailed)]
    [InlineData("the charge didn't go through", VirtualAssistantDefaults.PaymentFailed)]
    [InlineData("Why is my bank refusing your billing", VirtualAssistantDefaults.PaymentFailed)]
    [InlineData("the movie keeps buffering", VirtualAssistantDefaults.StreamingQuality)]
    [InlineData("Picture is blurry and pixelated on my TV", VirtualAssistantDefaults.StreamingQuality)]
    [InlineData("video freezes every few minutes", VirtualAssistantDefaults.StreamingQuality)]
    [InlineData("poor quality, not HD at all", VirtualAssistantDefaults.StreamingQuality)]
    [InlineData("How do I cancel my subscription?", VirtualAssistantDefaults.PlanChange)]
    [InlineData("I want to upgrade to the premium plan", VirtualAssistantDefaults.PlanChange)]
    [InlineData("downgrading to something cheaper", VirtualAssistantDefaults.PlanChange)]
    [InlineData("please change my plan", VirtualAssistantDefaults.PlanChange)]
    public void Recognises_each_topic_from_realistic_phrasings(string text, string intent)
    {
        var reply = Assistant.Reply(text, "en");

        reply.IntentKey.ShouldBe(intent);
        reply.HandOff.ShouldBeFalse();
        reply.Steps.ShouldNotBeEmpty();
        reply.Steps.ShouldAllBe(s => s.Instruction.Length > 0 && s.Why.Length > 0);
        reply.Label.ShouldBe("Virtual assistant");
        reply.OffersPerson.ShouldBeTrue();
    }

    [Theory]
    [InlineData("my account was hacked")]
    [InlineData("Someone changed my password and email")]
    [InlineData("someone else is using my account from another country")]
    [InlineData("I think my account has been compromised")]
    [InlineData("there are strange logins I didn't make")]
    public void An_account_takeover_hands_off_at_once_as_a_sensitive_category(string text)
    {
        var reply = Assistant.Reply(text, "en");

        reply.IntentKey.ShouldBe(VirtualAssistantDefaults.AccountHacked);
        reply.Category.ShouldBe(CaseCategory.AccountTakeover);
        reply.HandOff.ShouldBeTrue();
        reply.Steps.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("My kids saw something inappropriate on the kids profile")]
    [InlineData("an adult content trailer played for my daughter")]
    [InlineData("this show is not suitable for children")]
    [InlineData("I'm worried about grooming in the comments")]
    public void A_childrens_content_concern_hands_off_at_once_as_child_safety(string text)
    {
        var reply = Assistant.Reply(text, "en");

        reply.IntentKey.ShouldBe(VirtualAssistantDefaults.ChildSafety);
        reply.Category.ShouldBe(CaseCategory.ChildSafety);
        reply.HandOff.ShouldBeTrue();
    }

    [Fact]
    public void A_sensitive_intent_wins_over_an_ordinary_one_in_the_same_message()
    {
        var reply = Assistant.Reply("I was hacked and now I can't log in and want to cancel", "en");

        reply.IntentKey.ShouldBe(VirtualAssistantDefaults.AccountHacked);
        reply.HandOff.ShouldBeTrue();
    }

    [Theory]
    [InlineData("talk to a person")]
    [InlineData("Can I speak to a real person please")]
    [InlineData("I want a human")]
    [InlineData("get me an agent")]
    [InlineData("let me talk to your manager!")]
    [InlineData("I'd like to speak to someone")]
    public void Asking_for_a_person_hands_off(string text)
    {
        var reply = Assistant.Reply(text, "en");

        reply.IntentKey.ShouldBe(VirtualAssistantDefaults.Person);
        reply.HandOff.ShouldBeTrue();
        reply.OffersPerson.ShouldBeTrue();
    }

    [Fact]
    public void Asking_for_a_person_about_a_topic_keeps_the_topic_category_for_the_queue()
    {
        var reply = Assistant.Reply("my payment failed, let me talk to a person", "en");

        reply.IntentKey.ShouldBe(VirtualAssistantDefaults.Person);
        reply.HandOff.ShouldBeTrue();
        reply.Category.ShouldBe(CaseCategory.Billing);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("what's the weather like")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Unrecognised_text_lists_what_it_can_help_with_and_offers_a_person(string text)
    {
        var reply = Assistant.Reply(text, "en");

        reply.IntentKey.ShouldBeNull();
        reply.Category.ShouldBeNull();
        reply.HandOff.ShouldBeFalse();
        reply.OffersPerson.ShouldBeTrue();
        reply.Label.ShouldBe(VirtualAssistant.Label);
        reply.Text.ShouldContain("trouble signing in");
        reply.Text.ShouldContain("a payment that failed");
        reply.Text.ShouldContain("streaming quality");
        reply.Text.ShouldContain("Talk to a person");
        reply.Text.ShouldNotContain("{topics}");
    }

    [Fact]
    public void Words_match_whole_words_only()
    {
        // "agent" inside "agentic", "plan" inside "planet": no match.
        Assistant.Reply("agentic planet", "en").IntentKey.ShouldBeNull();
    }

    [Fact]
    public void Every_configured_intent_and_the_greeting_carry_the_label_and_offer_a_person_and_never_claim_to_be_human()
    {
        var replies = new List<AssistantReply> { Assistant.Greet("en"), Assistant.Reply("zzz", "en") };
        foreach (var intent in Assistant.Intents)
        {
            var phrase = intent.Patterns.First(p => !p.StartsWith("re:", StringComparison.Ordinal)).Replace("*", "", StringComparison.Ordinal);
            var reply = Assistant.Reply(phrase, "en");
            reply.IntentKey.ShouldBe(intent.Key, $"pattern “{phrase}”");
            replies.Add(reply);
        }

        replies.Count.ShouldBe(Assistant.Intents.Count + 2);
        foreach (var reply in replies)
        {
            reply.Label.ShouldBe("Virtual assistant");
            reply.OffersPerson.ShouldBeTrue();
            HumanClaim.Find(reply.Text).ShouldBeNull(reply.Text);
            reply.Steps.ShouldAllBe(s => HumanClaim.Find(s.Instruction) == null && HumanClaim.Find(s.Why) == null);
        }
    }

    [Fact]
    public void Every_pattern_of_every_builtin_intent_reaches_its_intent_or_a_sensitive_or_person_one()
    {
        foreach (var intent in Assistant.Intents)
        {
            foreach (var pattern in intent.Patterns)
            {
                var reply = Assistant.Reply(pattern.Replace("*", "", StringComparison.Ordinal), "en");
                reply.IntentKey.ShouldNotBeNull(pattern);
                if (reply.IntentKey != intent.Key)
                {
                    // Only a higher-ranked intent may take it.
                    reply.HandOff.ShouldBeTrue($"“{pattern}” of {intent.Key} went to {reply.IntentKey}");
                }
            }
        }
    }

    [Fact]
    public void The_greeting_says_it_is_a_virtual_assistant_and_hands_nothing_off()
    {
        var greeting = Assistant.Greet("en");

        greeting.Label.ShouldBe("Virtual assistant");
        greeting.Text.ShouldContain("virtual assistant");
        greeting.Text.ShouldContain("Talk to a person");
        greeting.HandOff.ShouldBeFalse();
        greeting.OffersPerson.ShouldBeTrue();
    }

    [Fact]
    public void Configured_intents_replace_builtin_ones_by_key_and_regexes_match()
    {
        var options = new VirtualAssistantOptions
        {
            Intents =
            [
                new() { Key = "refund", Title = "refunds", Patterns = ["re:\\brefund(s|ed)?\\b", "money back"], Answer = "Refunds are issued to the card you paid with.", Category = CaseCategory.Billing },
                new() { Key = VirtualAssistantDefaults.PlanChange, Enabled = false },
            ],
        };
        var assistant = new VirtualAssistant(options);

        assistant.Reply("Can I get REFUNDED for last month?", "en").IntentKey.ShouldBe("refund");
        assistant.Reply("I want my money back", "en").IntentKey.ShouldBe("refund");
        assistant.Reply("cancel my subscription", "en").IntentKey.ShouldBeNull();
        assistant.Intents.Select(i => i.Key).ShouldNotContain(VirtualAssistantDefaults.PlanChange);
        assistant.Intents[0].Key.ShouldBe("refund");
    }

    [Fact]
    public void A_regex_that_runs_out_of_time_counts_as_no_match()
    {
        var options = new VirtualAssistantOptions
        {
            IncludeDefaultIntents = false,
            RegexTimeoutMilliseconds = 1,
            Intents = [new() { Key = "slow", Patterns = ["re:^(a|aa)+$"], Answer = "Slow." }],
        };
        var assistant = new VirtualAssistant(options);

        var reply = assistant.Reply(new string('a', 3000) + "!", "en");

        reply.IntentKey.ShouldBeNull();
        reply.OffersPerson.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Hi, my name is Sarah and I'll help you.", "my name is")]
    [InlineData("Hello, I'm Sarah from support.", "I'm Sarah")]
    [InlineData("I am Tom, how can I help?", "I am Tom")]
    [InlineData("Don't worry, I'm a real person.", "I'm a real person")]
    [InlineData("I am not a bot.", "I am not a bot")]
    [InlineData("This is Maria from billing.", "This is Maria from")]
    public void Text_that_pretends_to_be_a_person_is_found(string text, string claim)
    {
        HumanClaim.Find(text).ShouldBe(claim);
    }

    [Theory]
    [InlineData("I'm the virtual assistant, an automated helper, not a person.")]
    [InlineData("I'm sorry your payment failed. I am connecting you now.")]
    [InlineData("I'm Sorry, I'm passing you to a person.")]
    public void Honest_assistant_text_is_not_a_human_claim(string text)
    {
        HumanClaim.Find(text).ShouldBeNull();
    }

    [Fact]
    public void A_human_claim_check_that_runs_out_of_time_counts_as_no_match_instead_of_throwing()
    {
        // Issue 14: under CPU load the start-up validation once died of a RegexMatchTimeoutException.
        var text = string.Concat(Enumerable.Repeat("I am here to help with your account today. ", 200_000)) + "My name is Jenny.";

        Should.NotThrow(() => HumanClaim.Find(text, TimeSpan.FromTicks(1)));
        HumanClaim.Find(text, TimeSpan.FromSeconds(30)).ShouldBe("My name is");
    }

    [Fact]
    public void Options_validation_survives_a_regex_timeout()
    {
        var options = new VirtualAssistantOptions
        {
            RegexTimeoutMilliseconds = 1,
            Greeting = string.Concat(Enumerable.Repeat("I'm the virtual assistant and I can help. ", 300_000)),
        };

        Should.NotThrow(() => options.Validate());
    }

    [Fact]
    public void The_builtin_configuration_is_valid()
    {
        new VirtualAssistantOptions().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Validation_refuses_a_bad_configuration_with_a_message_for_each_fault()
    {
        var options = new VirtualAssistantOptions
        {
            Greeting = "Hi, my name is Jenny.",
            RegexTimeoutMilliseconds = 0,
            Intents =
            [
                new() { Key = null, Patterns = ["x"], Answer = "A." },
                new() { Key = "no-patterns", Answer = "A." },
                new() { Key = "bad-regex", Patterns = ["re:([a-z"], Answer = "A." },
                new() { Key = "no-answer", Patterns = ["hello"] },
                new() { Key = "human", Patterns = ["hello"], Answer = "I'm Dave, happy to help." },
                new() { Key = "half-step", Patterns = ["hello"], Answer = "A.", Steps = [new() { Instruction = "Do it." }] },
                new() { Key = "Bad Key", Patterns = ["hello"], Answer = "A." },
                new() { Key = "dup", Patterns = ["a"], Answer = "A." },
                new() { Key = " dup ", Patterns = ["b"], Answer = "B." },
                new() { Key = "unsafe", Patterns = ["abuse"], Answer = "A.", Category = CaseCategory.Harassment },
                new() { Key = "sensitive-without-category", Patterns = ["abuse"], Answer = "A.", Sensitive = true },
                new() { Key = "punctuation", Patterns = ["?!"], Answer = "A." },
            ],
        };

        var errors = options.Validate();

        errors.ShouldContain(e => e.Contains("RegexTimeoutMilliseconds", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("Greeting must not pretend to be a person", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("has no Key", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“no-patterns” has no patterns", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“bad-regex”", StringComparison.Ordinal) && e.Contains("not a valid regular expression", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“no-answer” Answer is empty", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“human” Answer must not pretend to be a person", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("step 1 needs both", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“Bad Key”", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“dup” is configured twice", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“unsafe”", StringComparison.Ordinal) && e.Contains("must be marked Sensitive", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“sensitive-without-category” is Sensitive but has no Category", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("“punctuation”", StringComparison.Ordinal));
        Should.Throw<ArgumentException>(() => new VirtualAssistant(options));
    }

    [Fact]
    public void Validation_refuses_a_configuration_with_no_intents()
    {
        new VirtualAssistantOptions { IncludeDefaultIntents = false }.Validate()
            .ShouldContain(e => e.Contains("no intents", StringComparison.Ordinal));
    }

    [Fact]
    public void Replies_are_deterministic()
    {
        var first = Assistant.Reply("payment declined", "en");
        var second = new VirtualAssistant(new VirtualAssistantOptions()).Reply("payment declined", "en");

        second.Text.ShouldBe(first.Text);
        second.Steps.ShouldBe(first.Steps);
        second.IntentKey.ShouldBe(first.IntentKey);
    }
}
