using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>The intents the assistant knows out of the box (a configured intent with the same key replaces one).</summary>
public static class VirtualAssistantDefaults
{
    public const string SignIn = "sign-in";
    public const string PaymentFailed = "payment-failed";
    public const string StreamingQuality = "streaming-quality";
    public const string PlanChange = "plan-change";
    public const string AccountHacked = "account-hacked";
    public const string ChildSafety = "child-safety";
    public const string Person = "person";

    public static IReadOnlyList<AssistantIntentOptions> Intents() =>
    [
        new()
        {
            Key = AccountHacked,
            Title = "an account someone else got into",
            Category = CaseCategory.AccountTakeover,
            Sensitive = true,
            Patterns =
            [
                "hacked", "hacker*", "hacking", "hijack*", "compromised", "taken over", "took over", "takeover",
                "stolen account", "account was stolen", "account stolen", "someone is using", "someone using", "somebody is using",
                "someone else is using", "someone else using", "someone else has", "someone else logged", "someone else changed",
                "wasnt me", "didnt do that", "unauthori*", "someone changed my", "somebody changed my", "password was changed",
                "password has been changed", "email was changed", "email has been changed", "strange login*", "strange sign in*",
                "unknown device*", "suspicious",
            ],
            Answer = "That sounds serious, so I'm passing you straight to a person on our account security team. While you wait, please do these now:",
            Steps =
            [
                Step("Change your password from a device you trust, and anywhere else you used the same password.",
                    "It locks out whoever has it; a reused password would let them back in through another site."),
                Step("Check that the email address on your account is still yours.",
                    "Intruders often change it so that reset emails go to them; our team can put it back."),
                Step("Never share a sign-in code we send you, even with someone who says they are from us.",
                    "We never ask for those codes; anyone who does is trying to get into your account."),
            ],
        },
        new()
        {
            Key = ChildSafety,
            Title = "a concern about children's content",
            Category = CaseCategory.ChildSafety,
            Sensitive = true,
            Patterns =
            [
                "my child", "my children", "my kid", "my kids", "my son", "my daughter", "kids profile", "child profile",
                "childrens profile", "kids section", "for kids", "for children", "childrens content", "kids content",
                "minor", "minors", "underage", "under age", "inappropriate", "unsuitable", "not suitable", "not appropriate",
                "parental control*", "age rating*", "explicit", "adult content", "mature content", "grooming", "predator*",
                "exploit*", "child abuse",
            ],
            Answer = "Thank you for telling us. A concern about children's safety goes straight to a trained person, so I'm connecting you now. While you wait:",
            Steps =
            [
                Step("If you can, note the title, episode and time where you saw it.",
                    "It lets the team find and review exactly that content quickly."),
                Step("Switch the child to a Kids profile or turn on parental controls for their profile.",
                    "That hides titles above the age rating you choose while the team looks into it."),
                Step("If a child is in immediate danger, call your local emergency number first.",
                    "Emergency services can act faster than any support team."),
            ],
        },
        new()
        {
            Key = Person,
            Title = null,
            HandOff = true,
            Patterns =
            [
                "a person", "real person", "human", "humans", "agent", "manager", "supervisor", "representative", "operator",
                "talk to someone", "speak to someone", "speak with someone", "talk with someone", "someone real", "real someone",
                "customer service", "live chat", "live support",
            ],
            Answer = "Of course. I'm connecting you with a person now; you'll see your place in the queue and the expected wait here.",
        },
        new()
        {
            Key = SignIn,
            Title = "trouble signing in",
            Category = CaseCategory.Account,
            Patterns =
            [
                "sign in", "signin", "signing in", "sign on", "log in", "login", "logging in", "log on", "logon", "password*",
                "locked out", "account locked", "reset link", "verification code", "two factor", "2fa", "cant access",
                "cannot access", "access my account", "forgot", "forgotten",
            ],
            Answer = "Let's get you signed in. These steps fix most sign-in problems:",
            Steps =
            [
                Step("Check that you are using the email address your subscription is under.",
                    "An account is found only by the exact address it was created with; another address finds nothing."),
                Step("Choose “Forgot password?” on the sign-in page (/Account/ForgotPassword) and follow the link we email you.",
                    "The link proves the mailbox is yours and lets you set a new password without anyone else seeing it."),
                Step("After five wrong passwords, wait 15 minutes before trying again.",
                    "The account locks for 15 minutes to stop someone guessing your password; it opens again by itself."),
                Step("Sign out on the device and sign in again, or update the app.",
                    "An old session or app version can keep showing an error after the password is fixed."),
            ],
        },
        new()
        {
            Key = PaymentFailed,
            Title = "a payment that failed",
            Category = CaseCategory.Billing,
            Patterns =
            [
                "payment*", "declin*", "billing", "card", "credit card", "debit card", "cant pay", "cannot pay", "couldnt pay",
                "charge failed", "didnt go through", "did not go through", "bank", "paypal", "invoice", "card expired", "expired card",
            ],
            Answer = "Sorry your payment didn't go through. Most failed payments are fixed in a few minutes:",
            Steps =
            [
                Step("Check that your card's expiry date and billing address match what your bank holds.",
                    "Banks decline a payment when any detail differs, even an old postcode."),
                Step("Update your payment method in your account, then retry the payment.",
                    "A new or corrected card is tried straight away, so your plan keeps running."),
                Step("Ask your bank whether it held the payment as unusual.",
                    "Some banks hold recurring or foreign subscription payments until you confirm them."),
            ],
        },
        new()
        {
            Key = StreamingQuality,
            Title = "streaming quality and buffering",
            Category = CaseCategory.Playback,
            Patterns =
            [
                "buffer*", "blurry", "blurred", "pixel*", "grainy", "choppy", "quality", "lag", "lags", "lagging", "laggy",
                "stutter*", "freez*", "froze", "frozen", "keeps stopping", "keeps pausing", "keeps loading", "loading", "spinning",
                "resolution", "hd", "4k", "uhd", "playback", "out of sync", "picture", "video", "streaming", "stream",
            ],
            Answer = "Let's get the picture smooth again. Try these in order:",
            Steps =
            [
                Step("Run a speed test on the same device: HD needs about 5 Mbit/s and 4K about 25 Mbit/s.",
                    "Streaming drops to a lower quality by itself when the connection can't keep up."),
                Step("Restart your router and the app or device.",
                    "A restart clears a stuck connection and the app's cache, the usual causes of buffering."),
                Step("Move closer to the Wi-Fi router, or use a network cable.",
                    "Walls and distance weaken Wi-Fi, and a weak signal means a lower picture quality."),
                Step("Check the playback quality setting in your account.",
                    "A data-saver setting caps the quality on every device, even on a fast connection."),
            ],
        },
        new()
        {
            Key = PlanChange,
            Title = "cancelling or changing your plan",
            Category = CaseCategory.Billing,
            Patterns =
            [
                "cancel*", "unsubscribe", "end my subscription", "stop my subscription", "close my account", "change* plan",
                "change my plan", "switch* plan", "upgrad*", "downgrad*", "cheaper plan", "plan", "plans", "subscription",
                "membership", "pause my",
            ],
            Answer = "You can change or cancel your plan yourself at any time:",
            Steps =
            [
                Step("Open your account, choose Plan, then Change plan or Cancel.",
                    "A change made there takes effect at once, and we email you a confirmation."),
                Step("If you cancel, keep watching until the end of the period you have paid for.",
                    "Nothing is cut short, and you are not charged again after cancelling."),
                Step("To upgrade or downgrade, pick the new plan; the new price applies from your next bill.",
                    "You never pay twice for the same days."),
            ],
        },
    ];

    private static AssistantStepOptions Step(string instruction, string why) => new() { Instruction = instruction, Why = why };
}
