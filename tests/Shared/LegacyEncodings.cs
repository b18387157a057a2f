using System.Runtime.CompilerServices;
using System.Text;

namespace HelpDesk.Testing;

/// <summary>
/// Makes the legacy code pages (Shift_JIS, windows-1252, KOI8-R …) available before any test touches MimeKit. MimeKit
/// remembers a charset it could not find, so a test that decoded one of them before the app registered the provider
/// (<see cref="HelpDesk.Infrastructure.Email.MimeKitEmailParser"/> does on first use) left it undecodable for every
/// later test in the process — the order-dependent Shift_JIS failure.
/// </summary>
internal static class LegacyEncodings
{
#pragma warning disable CA2255 // A test assembly is the entry point here; registering first is the point.
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
#pragma warning restore CA2255
}
