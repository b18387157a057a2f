using System.Security.Cryptography;
using HelpDesk.Application.Email;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Infrastructure.Email;

public sealed class DataProtectionMailboxSecrets(IDataProtectionProvider provider) : IMailboxSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("HelpDesk.Mailbox.Password.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string? Unprotect(string? protectedPassword)
    {
        if (string.IsNullOrEmpty(protectedPassword))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(protectedPassword);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
