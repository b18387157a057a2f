using System.Security.Cryptography;
using System.Text;
using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Message-IDs of the form <c>{caseId:N}.{nonce}.{mac}@{domain}</c>, where mac is the first 128 bits of
/// HMAC-SHA256(key, "hd-mid|caseId|nonce") in hex. Singleton; the key is read (or created) once.
/// </summary>
public sealed class HmacEmailMessageIds(IOptions<EmailThreadingOptions> options, IServiceScopeFactory scopes) : IEmailMessageIds, IDisposable
{
    internal const string SecretName = "email.message-id.hmac";
    private const int MacHexLength = 32;
    private const int NonceHexLength = 16;
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private byte[]? _key;

    public async ValueTask<string> NewAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(NonceHexLength / 2));
        var caseHex = caseId.ToString("N");
        return $"{caseHex}.{nonce}.{Mac(key, caseHex, nonce)}@{options.Value.Domain}";
    }

    public async ValueTask<Guid?> TryReadCaseAsync(string messageId, CancellationToken cancellationToken)
    {
        var id = messageId.Trim().Trim('<', '>');
        var at = id.LastIndexOf('@');
        if (at <= 0 || !string.Equals(id[(at + 1)..], options.Value.Domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = id[..at].Split('.');
        if (parts.Length != 3 || parts[1].Length != NonceHexLength || parts[2].Length != MacHexLength
            || !Guid.TryParseExact(parts[0], "N", out var caseId))
        {
            return null;
        }

        var key = await KeyAsync(cancellationToken);
        var expected = Encoding.ASCII.GetBytes(Mac(key, parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant()));
        var actual = Encoding.ASCII.GetBytes(parts[2].ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? caseId : null;
    }

    public void Dispose() => _keyLock.Dispose();

    private static string Mac(byte[] key, string caseHex, string nonce)
    {
        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"hd-mid|{caseHex}|{nonce}"));
        return Convert.ToHexStringLower(mac)[..MacHexLength];
    }

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            if (_key is null)
            {
                var configured = options.Value.Secret;
                var secret = string.IsNullOrWhiteSpace(configured) ? await StoredSecretAsync(cancellationToken) : configured;
                _key = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
            }

            return _key;
        }
        finally
        {
            _keyLock.Release();
        }
    }

    /// <summary>Reads the generated key, creating it first if no node has yet (race-safe: first insert wins).</summary>
    private async Task<string> StoredSecretAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var candidate = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO app_secrets (name, value, created_at) VALUES ({SecretName}, {candidate}, now()) ON CONFLICT (name) DO NOTHING",
            cancellationToken);
        return await db.AppSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(cancellationToken);
    }
}
