using HelpDesk.Application.Email;
using static HelpDesk.Application.Email.InboundEmailKind;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>An expected attachment: name, type, whether it must be served as a download only.</summary>
public sealed record ExpectedAttachment(string FileName, string ContentType, bool DownloadOnly, bool Inline = false, string? ContentId = null);

/// <summary>What one corpus message must parse to. Null means "not asserted for this file".</summary>
public sealed record Expected(
    InboundEmailKind Kind,
    string? From = null,
    string? Subject = null,
    string[]? Tokens = null,
    string? MessageId = null,
    string? InReplyTo = null,
    string[]? References = null,
    string? Text = null,
    string? TextContains = null,
    string? TextLacks = null,
    string? QuotedContains = null,
    string? HtmlContains = null,
    string[]? Cc = null,
    string? ThreadIndex = null,
    string? ReasonContains = null,
    ExpectedAttachment[]? Attachments = null,
    EmailParseRefusal? Refusal = null,
    string? FromName = null,
    string? ReplyTo = null);

internal static class EmailCorpusExpectations
{
    private const string Hd123a = "hd.000123.1.a1b2c3@helpdesk.example";
    private const string Hd123b = "hd.000123.2.d4e5f6@helpdesk.example";

    public static readonly Dictionary<string, Expected> All = new()
    {
        ["01-gmail-reply.eml"] = new(Normal, From: "alice.martin@gmail.com", FromName: "Alice Martin", Subject: "Re: [HD-000123] Playback stops after 10 minutes",
            Tokens: ["HD-000123"], MessageId: "CAF=Xk2p+Qw9_ab12cd34ef@mail.gmail.com", InReplyTo: Hd123b, References: [Hd123a, Hd123b],
            Text: "Thanks, clearing the app cache fixed it. Playback has been fine all evening.\n\nAlice",
            QuotedContains: "Please clear the app cache", HtmlContains: "Thanks, clearing the app cache fixed it.", Attachments: []),
        ["02-gmail-wrapped-attribution.eml"] = new(Normal, From: "bob.okafor@gmail.com", Tokens: ["HD-000124"],
            InReplyTo: "hd.000124.1.aa11bb@helpdesk.example", References: ["hd.000124.1.aa11bb@helpdesk.example"],
            Text: "Here is the bank statement line: STREAMCO*PREMIUM 14.99 EUR, twice on the 3rd.",
            QuotedContains: "Could you send us the two charges"),
        ["03-outlook-reply-thread-index.eml"] = new(Normal, From: "carla.jensen@outlook.com", Subject: "RE: [HD-000125] Cannot log in on the TV app",
            Tokens: ["HD-000125"], InReplyTo: "hd.000125.1.c0ffee@helpdesk.example", ThreadIndex: "AQHZx1+2kV3mJ8pQfE2tYb7cQ2vA9w==",
            Text: "I tried the code on the TV again, it says \"code expired\" straight away.\n\nCarla",
            QuotedContains: "Sent: Monday, November 23, 2026 9:05 AM", HtmlContains: "code expired", Attachments: []),
        ["04-outlook-original-message.eml"] = new(Normal, From: "d.volkov@corp.example", Subject: "RE: Refund request", Tokens: [],
            MessageId: "000001db3f1a$4b2c1d00$e1845700$@corp.example", Text: "Order number is 88412. I cancelled on the 1st.",
            QuotedContains: "-----Original Message-----", ThreadIndex: "AQHZx1+2kV3mJ8pQfE2tYb7cQ2vA9wABCDEF"),
        ["05-apple-mail-reply.eml"] = new(Normal, From: "erin.walsh@icloud.com", Tokens: ["HD-000126"],
            MessageId: "6E1F0A9B-3C2D-4E5F-8A7B-1C2D3E4F5A6B@icloud.com", InReplyTo: "hd.000126.1.f00d42@helpdesk.example",
            Text: "It happens on every episode of season 2, about 3 seconds late.\n\nSent from my iPad", QuotedContains: "Which title and episode?"),
        ["06-forwarded-gmail.eml"] = new(Normal, Subject: "Fwd: Your StreamCo invoice for November", Tokens: [],
            TextContains: "Plan: Premium", QuotedContains: null, Text: null),
        ["07-forwarded-as-attachment.eml"] = new(Normal, From: "carla.jensen@outlook.com", Subject: "FW: Suspicious sign-in to your account",
            Text: "I did not sign in from this place. Is this email from you?",
            Attachments: [new("Suspicious sign-in to your account.eml", "message/rfc822", DownloadOnly: false)]),
        ["08-cc-reply.eml"] = new(Normal, From: "frank.meyer@gmx.example", Tokens: ["HD-000123"], InReplyTo: "CAF=Xk2p+Qw9_ab12cd34ef@mail.gmail.com",
            References: [Hd123a, Hd123b, "CAF=Xk2p+Qw9_ab12cd34ef@mail.gmail.com"], Cc: ["support@helpdesk.example", "greta.meyer@gmx.example"], ReplyTo: "frank@family-meyer.example",
            Text: "Same problem here on the family account, the cache trick did not help for us.", QuotedContains: "schrieb Alice Martin"),
        ["09-latin1.eml"] = new(Normal, From: "eloise.francois@orange.example", FromName: "Éloïse François", Subject: "Décodeur éteint", Tokens: [],
            Text: "Bonjour,\n\nLe décodeur ne s'allume plus, ça clignote en orange depuis hier soir.\n\nMerci d'avance,\nÉloïse"),
        ["10-windows-1252.eml"] = new(Normal, From: "joerg@schroeder.example", FromName: "Jörg Schröder", Subject: "Charged €9,99 – payment “failed”",
            Text: "Hi,\n\nThe “Retry” button does nothing – I was charged 9,99 € anyway.\n\nGrüße, Jörg"),
        ["11-shift-jis.eml"] = new(Normal, From: "taro.yamada@example.jp", FromName: "山田 太郎", Subject: "再生できません",
            Text: "お世話になっております。\n動画が再生できません。エラーコードは E-1002 です。\n\n山田太郎"),
        ["12-koi8r.eml"] = new(Normal, From: "ivan.petrov@mail.example", FromName: "Иван Петров", Subject: "Оплата подписки",
            Text: "Здравствуйте!\nНе могу оплатить подписку картой Мир.\n\nС уважением,\nИван"),
        ["13-encoded-word-subject.eml"] = new(Normal, From: "alvaro.gomez@correo.example", FromName: "Álvaro Gómez", Subject: "Re: [HD-000456] Película sin sonido 🎬 y subtítulos",
            Tokens: ["HD-000456"], Text: "Sigue sin sonido en la película."),
        ["14-rfc2231-filename.eml"] = new(Normal, Text: "Receipts attached.", Attachments:
            [new("Résumé facture.pdf", "application/pdf", DownloadOnly: false), new("Reçu de paiement n°2.jpg", "image/jpeg", DownloadOnly: false)]),
        ["15-malformed-no-from.eml"] = new(Malformed, ReasonContains: "no From header", MessageId: "nofrom-0001@broken.example"),
        ["16-malformed-truncated-multipart.eml"] = new(Malformed, From: "greta.meyer@gmx.example", ReasonContains: "closing boundary"),
        ["17-not-mime.eml"] = new(Malformed, Refusal: EmailParseRefusal.NotMime),
        ["18-autoreply-auto-submitted.eml"] = new(AutoReply, ReasonContains: "Auto-Submitted: auto-replied", Tokens: ["HD-000130"],
            InReplyTo: "hd.000130.1.beef01@helpdesk.example"),
        ["19-autoreply-x-autoreply.eml"] = new(AutoReply, ReasonContains: "X-Autoreply"),
        ["20-autoreply-x-autorespond.eml"] = new(AutoReply, ReasonContains: "X-Autorespond"),
        ["21-autoreply-precedence.eml"] = new(AutoReply, ReasonContains: "Precedence: auto_reply"),
        ["22-auto-submitted-no.eml"] = new(Normal, From: "kim.lee@example.org", Text: "Can I add my mother to the family plan if she lives elsewhere?"),
        ["23-bounce-dsn.eml"] = new(Bounce, ReasonContains: "multipart/report", TextContains: "could not\nbe delivered",
            Attachments: [new("part-1.bin", "message/delivery-status", DownloadOnly: false), new("part-2.txt", "text/rfc822-headers", DownloadOnly: false)]),
        ["24-bounce-mailer-daemon-plain.eml"] = new(Bounce, ReasonContains: "mailer-daemon"),
        ["25-bounce-postmaster.eml"] = new(Bounce, ReasonContains: "postmaster"),
        ["26-bulk-precedence-unsubscribe.eml"] = new(Bulk, ReasonContains: "Precedence: bulk"),
        ["27-list-mail.eml"] = new(Bulk, ReasonContains: "List-Id: Streaming users <streaming-users.lists.example>"),
        ["28-junk-precedence.eml"] = new(Bulk, ReasonContains: "Precedence: junk"),
        ["29-forged-in-reply-to.eml"] = new(Normal, From: "mallory@attacker.example", Tokens: ["HD-000123"], InReplyTo: Hd123b,
            References: [Hd123a, Hd123b], Text: "Please change the email on this account to mallory@attacker.example."),
        ["30-hostile-html.eml"] = new(Normal, From: "helpdesk-verify@phish.example", HtmlContains: "<b>Your invoice</b> is overdue.",
            TextContains: "Your invoice is overdue.", TextLacks: "alert", Attachments: []),
        ["31-svg-attachment-with-script.eml"] = new(Normal, Attachments: [new("logo.svg", "image/svg+xml", DownloadOnly: true)]),
        ["32-html-attachment.eml"] = new(Normal, Text: "I saved the error page and a log.", Attachments:
            [new("error-page.html", "text/html", DownloadOnly: true), new("player.js", "application/octet-stream", DownloadOnly: true),
             new("player.log", "text/plain", DownloadOnly: false)]),
        ["33-inline-cid-images.eml"] = new(Normal, HtmlContains: "src=\"cid:screen.png@01DC1234\"", Text: "This is what the TV shows: [image: screen.png]",
            Attachments: [new("screen.png", "image/png", DownloadOnly: false, Inline: true, ContentId: "screen.png@01DC1234")]),
        ["34-no-message-id.eml"] = new(Normal, From: "someone@oldclient.example", Text: "My client does not add a Message-ID."),
        ["35-interleaved-quotes.eml"] = new(Normal, Tokens: ["HD-000124"], Text: "Visa ending 4242.\n\nThe 3rd of November, both.",
            QuotedContains: "> Which card did you use?"),
        ["36-html-only-apple-reply.eml"] = new(Normal, Tokens: ["HD-000126"], Text: "Fixed after the update, thank you!\n\nErin",
            QuotedContains: "Please update the app to 8.2."),
        ["37-thunderbird-format-flowed.eml"] = new(Normal, From: "nora@lindqvist.example", Tokens: ["HD-000140"],
            InReplyTo: "hd.000140.1.abc140@helpdesk.example",
            Text: "I removed two old phones from the device list but the app still says the download limit is reached on my tablet.\n\nNora",
            QuotedContains: "under Account > Devices and try again."),
        ["38-outlook-web-html-only.eml"] = new(Normal, From: "oskar.berg@hotmail.example", Tokens: ["HD-000141"],
            ThreadIndex: "AQHbQ5x1c2Vk9mJrZkO0c0b9Q4xWqQ==", InReplyTo: "hd.000141.1.abc141@helpdesk.example",
            Text: "The PIN works on the web site but not on the TV. I reset it twice, the TV says \"wrong PIN\".\nTack, Oskar",
            QuotedContains: "Please reset the parental PIN under Profiles > Kids > PIN.", HtmlContains: "<b>From:</b>"),
    };
}
