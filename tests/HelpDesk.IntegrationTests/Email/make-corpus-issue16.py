#!/usr/bin/env python3
"""Writes corpus messages 44-86 (issue 16) byte for byte: real clients' header shapes, raw 8-bit legacy charsets,
TNEF, uuencode, broken structure. Run from this folder: python3 make-corpus-issue16.py (the .eml files are committed)."""
import base64
import quopri
import struct

OUT = "Corpus/"
DKIM_GMAIL = ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601; t=1764590000; x=1765194800;\r\n"
              " h=to:subject:message-id:date:from:mime-version:from:to:cc:subject:date:message-id:reply-to;\r\n"
              " bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
              " b=Vx1kLq0mN2pR8sT4uW6yZ0aB3cD5eF7gH9iJ1kL3mN5oP7qR9sT1uV3wX5yZ7aB9cD1eF3gH5iJ7kL9mN1oP3qR5sT7uV9wX1y\r\n")
ARC = "ARC-Seal: i=1; a=rsa-sha256; t=1764590001; cv=none; d=google.com; s=arc-20240605; b=Qm9ndXMgc2lnbmF0dXJl\r\n"


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def write(name, data):
    if isinstance(data, str):
        data = crlf(data).encode("ascii")
    with open(OUT + name, "wb") as f:
        f.write(data)


def b64(data, width=76):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + width] for i in range(0, len(s), width))


def word(text, charset, enc="B"):
    raw = text.encode(charset)
    if enc == "B":
        return f"=?{charset}?B?{base64.b64encode(raw).decode()}?="
    q = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else ("_" if b == 32 else f"={b:02X}") for b in raw)
    return f"=?{charset}?Q?{q}?="


def received(by, frm, date):
    return f"Received: from {frm} ({frm} [203.0.113.{len(frm) % 200 + 10}])\r\n\tby {by} with ESMTPS id {abs(hash(frm)) % 10**10:x}\r\n\tfor <support@helpdesk.example>; {date}\r\n"


# 44 Gmail: new message, multipart/alternative, DKIM, ARC
write("44-gmail-new-message-alternative.eml", received("mx.helpdesk.example", "mail-wm1-f41.google.com", "Tue, 01 Dec 2026 08:10:02 +0000") + ARC + DKIM_GMAIL + """X-Gm-Message-State: AOJu0YyQ1l2V3n4R5t6U7w8X9y0Z
X-Google-Smtp-Source: AGHT+IFq1w2e3r4t5y6u7i8o9p0
MIME-Version: 1.0
From: Priya Raman <priya.raman@gmail.com>
Date: Tue, 1 Dec 2026 13:39:51 +0530
Message-ID: <CAK7sH1pQ9Lr2=xY8vZw3aB4cD5eF6gH7iJ8kL9mN0@mail.gmail.com>
Subject: Downloads disappear from the phone app
To: support@helpdesk.example
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f60718"

--000000000000a1b2c3d4e5f60718
Content-Type: text/plain; charset="UTF-8"

Hi,

Every morning the episodes I downloaded overnight are gone from the app.

Priya

--000000000000a1b2c3d4e5f60718
Content-Type: text/html; charset="UTF-8"

<div dir="ltr"><div>Hi,</div><div><br></div><div>Every morning the episodes I downloaded overnight are gone from the app.</div><div><br></div><div>Priya</div></div>

--000000000000a1b2c3d4e5f60718--
""")

# 45 bare address without angle brackets
write("45-bare-address-from.eml", received("mx.helpdesk.example", "smtp.webmail.example", "Tue, 01 Dec 2026 09:00:02 +0000") + """From: Marta marta.silva@webmail.example
To: support@helpdesk.example
Subject: Cancel my plan
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <20261201090000.4411@webmail.example>
X-Mailer: Horde Application Framework 5
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Please cancel my plan at the end of this month.
""")


# 46 Outlook with TNEF winmail.dat holding a real attachment
def tnef_attr(level, attr_id, data):
    checksum = sum(data) & 0xFFFF
    return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)


report = b"Error log 2026-12-01\nE-4012 licence check failed\nE-4012 licence check failed\n"
tnef = struct.pack("<IH", 0x223E9F78, 0x0A5B)
tnef += tnef_attr(1, 0x00089006, struct.pack("<I", 0x00010000))        # attTnefVersion
tnef += tnef_attr(1, 0x00069007, struct.pack("<II", 1252, 0))          # attOemCodepage
tnef += tnef_attr(1, 0x00078008, b"IPM.Microsoft Mail.Note\0")         # attMessageClass
tnef += tnef_attr(2, 0x00069002, struct.pack("<HIIHHI", 1, 0xFFFFFFFF, 0, 0, 0, 0)[:14])  # attAttachRenddata
tnef += tnef_attr(2, 0x00018010, b"player-error.log\0")               # attAttachTitle
tnef += tnef_attr(2, 0x0006800F, report)                               # attAttachData
write("46-outlook-tnef-winmail-dat.eml", received("mx.helpdesk.example", "mail.contoso-corp.example", "Tue, 01 Dec 2026 10:02:11 +0000") + """From: Henrik Dahl <henrik.dahl@contoso-corp.example>
To: "support@helpdesk.example" <support@helpdesk.example>
Subject: Player error on the office TV
Thread-Topic: Player error on the office TV
Thread-Index: AdtjKx2Vb7n1QnE0TcmH3b0Yp9x1Qw==
Date: Tue, 1 Dec 2026 10:02:09 +0000
Message-ID: <DB9PR83MB0925A1B2C3D4E5F6A7B8@DB9PR83MB0925.EURPRD83.prod.outlook.example>
Accept-Language: en-US
Content-Language: en-US
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator: <DB9PR83MB0925A1B2C3D4E5F6A7B8@DB9PR83MB0925.EURPRD83.prod.outlook.example>
X-Mailer: Microsoft Outlook 16.0
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="_002_DB9PR83MB0925A1B2_"

--_002_DB9PR83MB0925A1B2_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

The TV in our office shows E-4012. The log is attached.

Henrik

--_002_DB9PR83MB0925A1B2_
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Description: winmail.dat
Content-Disposition: attachment; filename="winmail.dat"; size=""" + str(len(tnef)) + """
Content-Transfer-Encoding: base64

""" + b64(tnef) + """

--_002_DB9PR83MB0925A1B2_--
""")

# 47 Exchange out-of-office
write("47-exchange-out-of-office.eml", received("mx.helpdesk.example", "mail.fabrikam.example", "Tue, 01 Dec 2026 10:30:00 +0000") + """From: Greta Lund <greta.lund@fabrikam.example>
To: HelpDesk Support <support@helpdesk.example>
Subject: Automatic reply: [HD-000001] Buffering on the living room TV
Thread-Topic: [HD-000001] Buffering on the living room TV
Thread-Index: AQHbY3Jv1x2r3t4y5u6i7o8p9a0s1d==
Date: Tue, 1 Dec 2026 10:29:58 +0000
Message-ID: <7a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d@fabrikam.example>
In-Reply-To: <hd.000001.9.aa01@helpdesk.example>
X-MS-Exchange-Inbox-Rules-Loop: greta.lund@fabrikam.example
X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
X-Auto-Response-Suppress: All
Content-Language: en-US
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

I am out of the office until 7 December with no access to email.
""")

# 48 Outlook with X-Auto-Response-Suppress: All (a person, no acknowledgement)
write("48-outlook-auto-response-suppress.eml", received("mx.helpdesk.example", "mail.northwind.example", "Tue, 01 Dec 2026 11:00:00 +0000") + """From: "Okafor, Chidi" <chidi.okafor@northwind.example>
To: "support@helpdesk.example" <support@helpdesk.example>
Subject: Invoice address change
Thread-Topic: Invoice address change
Thread-Index: AdtjLm9Qb1c2d3e4f5g6h7i8j9k0lA==
Date: Tue, 1 Dec 2026 10:59:57 +0000
Message-ID: <BN8PR12MB3361F1E2D3C4B5A6@BN8PR12MB3361.namprd12.prod.outlook.example>
X-Auto-Response-Suppress: All
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

Please put our new company address on future invoices: Northwind Ltd, 4 Harbour Road, Leith.
""")

# 49 Apple Mail: text, inline image, text
png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0fa0000000049454e44ae426082")
write("49-apple-mail-text-image-text.eml", received("mx.helpdesk.example", "p-east3-cluster5-host2-snip4-10.eps.apple.example", "Tue, 01 Dec 2026 11:20:00 +0000") + """From: Lucy Hart <lucy.hart@icloud.com>
Content-Type: multipart/mixed; boundary="Apple-Mail=_5E1F7C2A-9B3D-4E6F-8A1B-2C3D4E5F6A7B"
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3776.700.51\\))
Subject: Black screen with sound
Message-Id: <9F8E7D6C-5B4A-4938-A2B1-C0D9E8F7A6B5@icloud.com>
Date: Tue, 1 Dec 2026 12:19:58 +0100
To: support@helpdesk.example
X-Mailer: Apple Mail (2.3776.700.51)

--Apple-Mail=_5E1F7C2A-9B3D-4E6F-8A1B-2C3D4E5F6A7B
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
\tcharset=us-ascii

This is what I see on the TV:

--Apple-Mail=_5E1F7C2A-9B3D-4E6F-8A1B-2C3D4E5F6A7B
Content-Disposition: inline;
\tfilename=tv-black.png
Content-Type: image/png;
\tx-unix-mode=0644;
\tname="tv-black.png"
Content-Transfer-Encoding: base64

""" + b64(png) + """

--Apple-Mail=_5E1F7C2A-9B3D-4E6F-8A1B-2C3D4E5F6A7B
Content-Transfer-Encoding: 7bit
Content-Type: text/plain;
\tcharset=us-ascii

The sound keeps playing but the picture is black.

Lucy

--Apple-Mail=_5E1F7C2A-9B3D-4E6F-8A1B-2C3D4E5F6A7B--
""")

# 50 Thunderbird saved with an mbox "From " line
write("50-thunderbird-mbox-from-line.eml", """From - Tue Dec  1 12:00:05 2026
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00000000
Message-ID: <5c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f@posteo.example>
Date: Tue, 1 Dec 2026 13:00:00 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: de-DE
To: support@helpdesk.example
From: Jonas Weber <jonas.weber@posteo.example>
Subject: Profile picture cannot be changed
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

Hello,

the app says "upload failed" every time I pick a new profile picture.

Jonas
""")

# 51 UTF-8 byte-order mark before the headers
write("51-utf8-bom-before-headers.eml", b"\xef\xbb\xbf" + crlf("""From: Chloe Martin <chloe.martin@laposte.example>
To: support@helpdesk.example
Subject: Mot de passe oublié
Date: Tue, 01 Dec 2026 12:10:00 +0100
Message-ID: <bom-51@laposte.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Je n'arrive pas à réinitialiser mon mot de passe.
""").encode("utf-8"))

# 52 one stray line before the headers (a gateway's banner)
write("52-stray-line-before-headers.eml", """>>> relayed by legacy-gateway v2.1 <<<
Return-Path: <tom.baker@relay-user.example>
From: Tom Baker <tom.baker@relay-user.example>
To: support@helpdesk.example
Subject: Wrong language in the menus
Date: Tue, 01 Dec 2026 12:20:00 +0000
Message-ID: <stray-52@relay-user.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

All menus switched to Finnish overnight.
""")

# 53 truncated forward: closing boundary missing
write("53-truncated-forward-missing-end-boundary.eml", received("mx.helpdesk.example", "smtp.gmx.example", "Tue, 01 Dec 2026 12:30:00 +0000") + """From: Uwe Krause <uwe.krause@gmx.example>
To: support@helpdesk.example
Subject: Fwd: Your payment failed
Date: Tue, 01 Dec 2026 13:30:00 +0100
Message-ID: <trunc-53@gmx.example>
X-Mailer: GMX Mail
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_77_1234567.1764592200000"

------=_Part_77_1234567.1764592200000
Content-Type: text/plain; charset=UTF-8

My card works everywhere else. See your mail below.

------=_Part_77_1234567.1764592200000
Content-Type: message/rfc822

From: StreamCo Billing <billing@streamco.example>
To: uwe.krause@gmx.example
Subject: Your payment failed
Date: Mon, 30 Nov 2026 08:00:00 +0000
Message-ID: <bill-9911@streamco.example>
Content-Type: text/plain; charset=UTF-8

We could not charge your card ending 1881.
""")

# 54 ServiceNow-shaped mail, closing boundary missing
write("54-servicenow-missing-end-boundary.eml", received("mx.helpdesk.example", "outbound-snc1.service-now.example", "Tue, 01 Dec 2026 12:40:00 +0000") + """From: "Tailspin IT" <tailspin@service-now.example>
To: support@helpdesk.example
Subject: INC0012345 - Streaming blocked on the guest Wi-Fi
Date: Tue, 1 Dec 2026 04:40:00 -0800 (PST)
Message-ID: <1764592800000.24.552.SNC.a1b2c3d4@service-now.example>
X-ServiceNow-Source: Notification-12ab34cd
X-ServiceNow-SysEmail-Version: 2
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_118_99887766.1764592800000"

------=_Part_118_99887766.1764592800000
Content-Type: multipart/alternative; boundary="----=_Part_119_11223344.1764592800000"

------=_Part_119_11223344.1764592800000
Content-Type: text/plain; charset=UTF-8

Our guests cannot stream since the firewall change. Which domains must be allowed?

------=_Part_119_11223344.1764592800000
Content-Type: text/html; charset=UTF-8

<html><body><p>Our guests cannot stream since the firewall change. Which domains must be allowed?</p></body></html>
""")

# 55 Zendesk notification, auto-generated
write("55-zendesk-notification-auto-generated.eml", received("mx.helpdesk.example", "out-11.smtp.zendesk.example", "Tue, 01 Dec 2026 12:50:00 +0000") + """From: Contoso Support <support@contoso.zendesk.example>
Reply-To: Contoso Support <support+id88231@contoso.zendesk.example>
To: support@helpdesk.example
Subject: [Contoso] Re: Partnership request
Date: Tue, 01 Dec 2026 12:50:00 +0000
Message-ID: <ZD8S2K1_9f8e7d6c5b4a@zendesk.example>
Auto-Submitted: auto-generated
X-Mailer: Zendesk Mailer
X-Zendesk-From-Account-Id: 1a2b3c
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Your request (88231) has been updated. To add additional comments, reply to this email.
""")

# 56 another helpdesk's reply with X-Loop: a person wrote it, but never acknowledge
write("56-otrs-reply-x-loop.eml", received("mx.helpdesk.example", "otrs.vendor-tv.example", "Tue, 01 Dec 2026 13:00:00 +0000") + """From: Vendor TV Support <support@vendor-tv.example>
To: support@helpdesk.example
Subject: [Ticket#2026120110000123] Firmware for model X55
Date: Tue, 01 Dec 2026 14:00:00 +0100
Message-ID: <1764594000.123456.1@otrs.vendor-tv.example>
X-Loop: yes
X-Mailer: OTRS Mail Service
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The firmware update for the X55 that fixes your app crash is out on 10 December.
""")

# 57 multipart whose boundary never appears: the text is in the preamble
write("57-empty-multipart-text-in-preamble.eml", received("mx.helpdesk.example", "mail.oldmailer.example", "Tue, 01 Dec 2026 13:10:00 +0000") + """From: Rosa Ortiz <rosa.ortiz@oldmailer.example>
To: support@helpdesk.example
Subject: Two accounts
Date: Tue, 01 Dec 2026 13:10:00 +0000
Message-ID: <preamble-57@oldmailer.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="never-used-boundary"

I have two accounts by mistake, please merge them into rosa.ortiz@oldmailer.example.
""")

# 58 empty multipart/alternative (no parts at all)
write("58-empty-multipart-no-parts.eml", received("mx.helpdesk.example", "smtp.mobile-client.example", "Tue, 01 Dec 2026 13:20:00 +0000") + """From: Ben Cole <ben.cole@mobile-client.example>
To: support@helpdesk.example
Subject: App logs me out every day
Date: Tue, 01 Dec 2026 13:20:00 +0000
Message-ID: <empty-58@mobile-client.example>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b58"

--b58--
""")

# 59 From: "我" <> with a Reply-To
write("59-from-empty-address-reply-to.eml", received("mx.helpdesk.example", "m12-11.163.example", "Tue, 01 Dec 2026 13:30:00 +0000") + """From: =?UTF-8?B?5oiR?= <>
Reply-To: wang.fang@163.example
To: support@helpdesk.example
Subject: =?UTF-8?B?6K6i6ZiF6Zeu6aKY?=
Date: Tue, 01 Dec 2026 21:30:00 +0800
Message-ID: <59.e1b2@163.example>
X-Mailer: Coremail Webmail Server Version XT5.0.14
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

""" + b64("我的订阅被扣了两次费。".encode("utf-8")) + "\n")

# 60 no From at all, a Reply-To
write("60-no-from-reply-to-only.eml", """To: support@helpdesk.example
Reply-To: Olu Ade <olu.ade@formsender.example>
Subject: Contact form: subtitles
Date: Tue, 01 Dec 2026 13:40:00 +0000
Message-ID: <form-60@formsender.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Subtitles are out of sync on every film.
""")

# 61 display-name-only From, address in Sender
write("61-display-name-only-from-sender.eml", received("mx.helpdesk.example", "smtp.retail.example", "Tue, 01 Dec 2026 13:50:00 +0000") + """From: Customer Service Desk
Sender: cs-desk@retail.example
To: support@helpdesk.example
Subject: Voucher codes not accepted
Date: Tue, 01 Dec 2026 13:50:00 +0000
Message-ID: <sender-61@retail.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Our customers' voucher codes from the November promotion are refused.
""")

# 62 undisclosed From, address only in Return-Path
write("62-undisclosed-from-return-path.eml", """Return-Path: <kim.ho@mailhost.example>
Received: from mailhost.example by mx.helpdesk.example; Tue, 01 Dec 2026 14:00:01 +0000
From: undisclosed-recipients:;
To: support@helpdesk.example
Subject: Family plan invite
Date: Tue, 01 Dec 2026 14:00:00 +0000
Message-ID: <rp-62@mailhost.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

The family plan invitation link has expired, can you send a new one?
""")

# 63 display name only, no address anywhere
write("63-display-name-only-no-address.eml", """From: John Smith
To: support@helpdesk.example
Subject: Locked out
Date: Tue, 01 Dec 2026 14:10:00 +0000
Message-ID: <noaddr-63@unknown.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

I am locked out of my account after too many attempts.
""")

# 64 Foxmail: raw 8-bit GB2312 headers, GB2312 body
gb = "gb2312"
write("64-gb2312-raw-8bit-headers.eml",
      crlf(received("mx.helpdesk.example", "smtpbg.qq.example", "Tue, 01 Dec 2026 14:20:00 +0000")).encode() + b"From: " + "张伟".encode(gb) + b" <zhang.wei@qq.example>\r\n"
      + b"To: support@helpdesk.example\r\nSubject: " + "无法播放视频，一直在缓冲".encode(gb) + b"\r\n"
      + crlf("""Date: Tue, 1 Dec 2026 22:20:00 +0800
Message-ID: <202612012220001234567@qq.example>
X-Mailer: Foxmail 7.2.25.228[cn]
X-QQ-mid: bizesmtp77t1764598800t1a2b3c4d
MIME-Version: 1.0
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: base64

""").encode() + b64("您好，电视上的视频无法播放，一直在缓冲。\r\n谢谢！\r\n张伟".encode(gb)).encode() + b"\r\n")

# 65 raw 8-bit GBK headers and body with no charset declared anywhere (detection)
gbk_body = "您好：\r\n我的会员到期后自动续费失败了，银行卡余额充足，请帮忙看看是什么原因。另外手机客户端也无法登录，提示网络错误。\r\n谢谢！\r\n李娜"
write("65-gbk-raw-8bit-no-charset.eml",
      b"From: " + "李娜".encode("gbk") + b" <li.na@sina.example>\r\nTo: support@helpdesk.example\r\nSubject: "
      + "会员自动续费失败，请帮忙处理".encode("gbk") + b"\r\n"
      + crlf("""Date: Tue, 1 Dec 2026 22:30:00 +0800
Message-ID: <65-gbk@sina.example>
X-Mailer: SinaMail 3.0
MIME-Version: 1.0
Content-Type: text/plain
Content-Transfer-Encoding: 8bit

""").encode() + gbk_body.encode("gbk") + b"\r\n")

# 66 proper ISO-2022-JP (7-bit escapes) in an encoded word and the body
jp_body = "いつもお世話になっております。\r\nテレビのアプリでログインできません。\r\n\r\n佐藤"
write("66-iso-2022-jp-proper.eml",
      crlf(received("mx.helpdesk.example", "mail.nifty.example", "Tue, 01 Dec 2026 14:40:00 +0000") + f"""From: {word("佐藤 花子", "iso-2022-jp")} <hanako.sato@nifty.example>
To: support@helpdesk.example
Subject: {word("ログインできません", "iso-2022-jp")}
Date: Tue, 01 Dec 2026 23:40:00 +0900
Message-ID: <66.jis@nifty.example>
X-Mailer: Becky! ver. 2.81.04
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

""").encode() + jp_body.encode("iso2022_jp") + b"\r\n")

# 67 labelled ISO-2022-JP but really Shift_JIS (encoded word and 8-bit body)
sj = "shift_jis"
sj_subject = "解約の手続きについて"
sj_body = "お世話になっております。\r\n今月末で解約したいのですが、手続きの方法を教えてください。\r\n\r\n鈴木"
write("67-iso-2022-jp-label-really-shift-jis.eml",
      crlf(received("mx.helpdesk.example", "smtp.docomo.example", "Tue, 01 Dec 2026 14:50:00 +0000")
           + f"From: =?ISO-2022-JP?B?{base64.b64encode('鈴木 一郎'.encode(sj)).decode()}?= <ichiro.suzuki@docomo.example>\n"
           + "To: support@helpdesk.example\n"
           + f"Subject: =?ISO-2022-JP?B?{base64.b64encode(sj_subject.encode(sj)).decode()}?=\n"
           + """Date: Tue, 01 Dec 2026 23:50:00 +0900
Message-ID: <67.sjis-as-jis@docomo.example>
X-Mailer: docomo mail
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 8bit

""").encode() + sj_body.encode(sj) + b"\r\n")

# 68 raw 8-bit Shift_JIS headers, Shift_JIS body
write("68-shift-jis-raw-8bit-headers.eml",
      b"From: " + "高橋 健".encode(sj) + b" <ken.takahashi@ocn.example>\r\nTo: support@helpdesk.example\r\nSubject: "
      + "字幕が表示されません".encode(sj) + b"\r\n"
      + crlf("""Date: Wed, 02 Dec 2026 00:00:00 +0900
Message-ID: <68.sjis-raw@ocn.example>
X-Mailer: Microsoft Outlook Express 6.00.2900.5512
MIME-Version: 1.0
Content-Type: text/plain; charset="Shift_JIS"
Content-Transfer-Encoding: 8bit

""").encode() + "映画を再生すると字幕が表示されません。\r\n高橋".encode(sj) + b"\r\n")

# 69 raw 8-bit KOI8-R headers, KOI8-R body
write("69-koi8r-raw-8bit-headers.eml",
      b"From: " + "Сергей Козлов".encode("koi8_r") + b" <s.kozlov@mail-ru.example>\r\nTo: support@helpdesk.example\r\nSubject: "
      + "Не работает оплата".encode("koi8_r") + b"\r\n"
      + crlf("""Date: Tue, 01 Dec 2026 17:10:00 +0300
Message-ID: <69.koi8@mail-ru.example>
X-Mailer: The Bat! (v3.99.3) Professional
MIME-Version: 1.0
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: 8bit

""").encode() + "Здравствуйте!\r\nОплата картой не проходит уже третий день.\r\nСергей".encode("koi8_r") + b"\r\n")

# 70 windows-1251 encoded words and quoted-printable body (The Bat!)
w1251 = "cp1251"
write("70-windows-1251-encoded-words.eml", crlf(received("mx.helpdesk.example", "smtp.yandex.example", "Tue, 01 Dec 2026 15:20:00 +0000") + f"""From: {word("Ольга Смирнова", "windows-1251")} <olga.smirnova@yandex.example>
To: support@helpdesk.example
Subject: {word("Возврат денег за подписку", "windows-1251", "Q")}
Date: Tue, 01 Dec 2026 18:20:00 +0300
Message-ID: <70.cp1251@yandex.example>
X-Mailer: The Bat! (v9.4.5) Professional
MIME-Version: 1.0
Content-Type: text/plain; charset=windows-1251
Content-Transfer-Encoding: quoted-printable

""") .encode() + quopri.encodestring("Добрый день!\r\nПрошу вернуть деньги за последний месяц.\r\nОльга".encode(w1251)).replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n") + b"\r\n")

# 71 body declared UTF-8 but written in windows-1251
write("71-windows-1251-labelled-utf8.eml", crlf("""From: Dmitri Orlov <d.orlov@rambler.example>
To: support@helpdesk.example
Subject: Problem with the TV app
Date: Tue, 01 Dec 2026 18:30:00 +0300
Message-ID: <71.mislabel@rambler.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

""").encode() + "Приложение на телевизоре закрывается сразу после запуска, уже переустанавливал.\r\nДмитрий".encode(w1251) + b"\r\n")


# 72 attachment with Content-Transfer-Encoding: x-uuencode
def uuencode(data, name):
    lines = [f"begin 644 {name}"]
    for i in range(0, len(data), 45):
        chunk = data[i:i + 45]
        line = chr(32 + len(chunk))
        padded = chunk + b"\0" * ((3 - len(chunk) % 3) % 3)
        for j in range(0, len(padded), 3):
            a, b, c = padded[j:j + 3]
            for v in ((a >> 2), ((a & 3) << 4) | (b >> 4), ((b & 15) << 2) | (c >> 6), c & 63):
                line += chr(32 + v) if v else "`"
        lines.append(line)
    lines += ["`", "end"]
    return "\r\n".join(lines)


settings = b"region=EU\nquality=auto\nsubtitles=on\ncache=512MB\n"
write("72-x-uuencode-attachment.eml", """From: Karl Jung <karl.jung@unix-user.example>
To: support@helpdesk.example
Subject: My player settings file
Date: Tue, 01 Dec 2026 15:40:00 +0000
Message-ID: <72.uue@unix-user.example>
X-Mailer: Mutt 1.5.21
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="uue72"

--uue72
Content-Type: text/plain; charset=us-ascii

Attached are my player settings; quality never goes above SD.

--uue72
Content-Type: application/octet-stream; name="player.conf"
Content-Disposition: attachment; filename="player.conf"
Content-Transfer-Encoding: x-uuencode

""" + uuencode(settings, "player.conf") + """

--uue72--
""")

# 73 uuencoded block inside a plain-text body (old Outlook Express, Pegasus)
write("73-uuencode-in-body.eml", """From: Edith Moore <edith.moore@oldisp.example>
To: support@helpdesk.example
Subject: Receipt
Date: Tue, 01 Dec 2026 15:50:00 +0000
Message-ID: <73.uue-inline@oldisp.example>
X-Mailer: Microsoft Outlook Express 6.00.2800.1158
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Here is the receipt you asked for.

""" + uuencode(b"Receipt 4471\nPremium plan 14.99 EUR\nPaid 2026-11-03\n", "receipt.txt") + """
""")

# 74 Thunderbird: text, PDF, text, image, text: the three texts are the body, in order
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
write("74-mixed-text-between-attachments.eml", """From: Ines Costa <ines.costa@sapo.example>
To: support@helpdesk.example
Subject: Three questions
Date: Tue, 01 Dec 2026 16:00:00 +0000
Message-ID: <74.mixed@sapo.example>
User-Agent: Mozilla Thunderbird
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="------------mixed74"

This is a multi-part message in MIME format.
--------------mixed74
Content-Type: text/plain; charset=UTF-8

First: here is my invoice.

--------------mixed74
Content-Type: application/pdf; name="invoice-nov.pdf"
Content-Disposition: attachment; filename="invoice-nov.pdf"
Content-Transfer-Encoding: base64

""" + b64(pdf) + """
--------------mixed74
Content-Type: text/plain; charset=UTF-8

Second: the error on my TV.

--------------mixed74
Content-Type: image/png; name="error-tv.png"
Content-Disposition: attachment; filename="error-tv.png"
Content-Transfer-Encoding: base64

""" + b64(png) + """
--------------mixed74
Content-Type: text/plain; charset=UTF-8

Third: can I pay yearly?

--------------mixed74--
""")

# 75 a text part with Content-Disposition: attachment is not the body
write("75-text-attachment-is-not-the-body.eml", """From: Paul Girard <paul.girard@free.example>
To: support@helpdesk.example
Subject: Logs from the router
Date: Tue, 01 Dec 2026 16:10:00 +0000
Message-ID: <75.notbody@free.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b75"

--b75
Content-Type: text/plain; charset=UTF-8
Content-Disposition: attachment

router: DNS timeout 8.8.8.8
router: DNS timeout 8.8.4.4

--b75
Content-Type: text/html; charset=UTF-8

<html><body><p>The router log is attached. Streaming stops every evening at 9.</p></body></html>

--b75--
""")

# 76 a very long, folded subject with a run of whitespace before its text
write("76-long-folded-subject.eml", "From: Vera Novak <vera.novak@seznam.example>\nTo: support@helpdesk.example\nSubject: Re:" + " " * 150 + "\n\t"
      + " ".join(["subtitles drift further out of sync the longer the film plays"] * 6) + """
Date: Tue, 01 Dec 2026 16:20:00 +0000
Message-ID: <76.longsubject@seznam.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

See the subject.
""")

# 77 a form robot (noreply@) with the real sender in Reply-To
write("77-noreply-form-with-reply-to.eml", """From: Website Forms <noreply@forms.streamco-site.example>
Reply-To: Amara Obi <amara.obi@yahoo.example>
To: support@helpdesk.example
Subject: Contact form: change of email address
Date: Tue, 01 Dec 2026 16:30:00 +0000
Message-ID: <77.form@forms.streamco-site.example>
X-Mailer: PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Name: Amara Obi
Message: Please change my login email to amara.obi@yahoo.example.
""")

# 78 abuse@ sender: a case, never an acknowledgement
write("78-abuse-role-sender.eml", """From: Abuse Desk <abuse@isp-net.example>
To: support@helpdesk.example
Subject: Complaint about account sharing advert
Date: Tue, 01 Dec 2026 16:40:00 +0000
Message-ID: <78.abuse@isp-net.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

One of your subscribers advertises shared logins on our network.
""")

# 79 Exchange NDR (multipart/report)
write("79-exchange-ndr-report.eml", """From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso-corp.example>
To: support@helpdesk.example
Subject: Undeliverable: [HD-000001] Your case
Date: Tue, 01 Dec 2026 16:50:00 +0000
Message-ID: <79.ndr@contoso-corp.example>
Auto-Submitted: auto-replied
X-MS-Exchange-Message-Is-Ndr:
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="ndr79"

--ndr79
Content-Type: text/plain; charset=us-ascii

Delivery has failed to these recipients or groups: old.user@contoso-corp.example

--ndr79
Content-Type: message/delivery-status

Reporting-MTA: dns;mail.contoso-corp.example

Final-Recipient: rfc822;old.user@contoso-corp.example
Action: failed
Status: 5.1.1

--ndr79--
""")

# 80 List-Unsubscribe without Precedence: a real customer's system mail, opened but never acknowledged
write("80-list-unsubscribe-only.eml", """From: Mia Lang <mia.lang@shopmail.example>
To: support@helpdesk.example
Subject: Question about gift cards
Date: Tue, 01 Dec 2026 17:00:00 +0000
Message-ID: <80.lu@shopmail.example>
List-Unsubscribe: <mailto:unsubscribe@shopmail.example?subject=mia>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Can gift cards be used for the family plan?
""")

# 81 ServiceNow notification, Auto-Submitted
write("81-servicenow-auto-generated.eml", """From: "Tailspin IT" <tailspin@service-now.example>
To: support@helpdesk.example
Subject: INC0012345 has been resolved
Date: Tue, 01 Dec 2026 17:10:00 +0000
Message-ID: <1764609000000.25.553.SNC.b2c3@service-now.example>
Auto-Submitted: auto-generated
X-ServiceNow-Source: Notification-99ff
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Incident INC0012345 has been resolved.
""")

# 82 Google Groups list mail
write("82-google-groups-list.eml", """From: Jan Visser <jan.visser@gmail.com>
To: streaming-fans@googlegroups.example
Cc: support@helpdesk.example
Subject: [streaming-fans] New season dates?
Date: Tue, 01 Dec 2026 17:20:00 +0000
Message-ID: <CAB82list=abc@mail.gmail.com>
Precedence: list
Mailing-list: list streaming-fans@googlegroups.example; contact streaming-fans+owners@googlegroups.example
List-Id: <streaming-fans.googlegroups.example>
List-Unsubscribe: <mailto:streaming-fans+unsubscribe@googlegroups.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Does anyone know when the new season starts?
""")

# 83 a different message reusing the Message-ID of 01-gmail-reply.eml
write("83-reused-message-id.eml", """From: Felix Braun <felix.braun@web-de.example>
To: support@helpdesk.example
Subject: Parental PIN forgotten
Date: Tue, 01 Dec 2026 17:30:00 +0000
Message-ID: <CAF=Xk2p+Qw9_ab12cd34ef@mail.gmail.com>
X-Mailer: WEB.DE Mail
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

I forgot the parental PIN for the kids profile.
""")

# 84 NUL characters in a header and the body
write("84-nul-characters.eml", crlf("""From: Ada Stone <ada.stone@nulmail.example>
To: support@helpdesk.example
Subject: Strange\0 characters
Date: Tue, 01 Dec 2026 17:40:00 +0000
Message-ID: <84.nul@nulmail.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

The app shows a box\0 instead of my name.
""").encode("latin-1"))

# 85 a display name over 100 characters
write("85-long-display-name.eml", """From: "Maximiliane Alexandrina Konstanze Friederike von und zu Hohenberg-Schwarzenfeld-Lichtenstein-Waldburg" <m.hohenberg@adel.example>
To: support@helpdesk.example
Subject: Name too long for the profile
Date: Tue, 01 Dec 2026 17:50:00 +0000
Message-ID: <85.longname@adel.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

My full name does not fit in the profile form.
""")

# 86 Gmail reply from a subscriber to our acknowledgement with a quoted HTML body and an inline image
write("86-gmail-html-only-inline-image.eml", received("mx.helpdesk.example", "mail-ed1-f44.google.com", "Tue, 01 Dec 2026 18:00:02 +0000") + DKIM_GMAIL + """MIME-Version: 1.0
From: Noah Berg <noah.berg@gmail.com>
Date: Tue, 1 Dec 2026 19:00:00 +0100
Message-ID: <CAN86html+ii1@mail.gmail.com>
Subject: Screenshot of the error
To: support@helpdesk.example
Content-Type: multipart/related; boundary="000000000000b86related"

--000000000000b86related
Content-Type: text/html; charset="UTF-8"

<div dir="ltr">The error code is shown here:<br><img src="cid:ii_86abc" alt="image.png"><br>Noah</div>

--000000000000b86related
Content-Type: image/png; name="image.png"
Content-Disposition: inline; filename="image.png"
Content-Transfer-Encoding: base64
Content-ID: <ii_86abc>
X-Attachment-Id: ii_86abc

""" + b64(png) + """
--000000000000b86related--
""")
