using HelpDesk.Application.Common.Security;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>
/// Who must sign in with a second factor (<c>HelpDesk:TwoFactor</c>): per staff role, supervisors and administrators by
/// default. A person in a required role who has not set up an authenticator is sent to the setup page after their password
/// and can do nothing else until it is set up (ADR 0114).
/// </summary>
public sealed class TwoFactorOptions
{
    public const string Section = "HelpDesk:TwoFactor";

    /// <summary>Role → required. Keys must be staff roles (Agent, Supervisor, Admin); start-up fails on any other.</summary>
    public Dictionary<string, bool> RequiredFor { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Roles.Agent] = false,
        [Roles.Supervisor] = true,
        [Roles.Admin] = true,
    };

    /// <summary>How long the API's "second factor required" challenge may be answered.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Agent, Roles.Supervisor, Roles.Admin];

    /// <summary>The configuration's mistakes, for start-up validation; empty when it is sound.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var key in RequiredFor.Keys.Where(k => !StaffRoles.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"HelpDesk:TwoFactor:RequiredFor:{key}: two-factor sign-in can be required for the staff roles {string.Join(", ", StaffRoles)} only.";
        }

        if (ChallengeLifetime <= TimeSpan.Zero || ChallengeLifetime > TimeSpan.FromMinutes(30))
        {
            yield return "HelpDesk:TwoFactor:ChallengeLifetime must be between a second and 30 minutes.";
        }
    }

    public bool IsRequired(IEnumerable<string> roles) =>
        roles.Any(role => RequiredFor.TryGetValue(role, out var required) && required);
}

/// <summary>Claims about the second factor on the signed-in principal.</summary>
public static class TwoFactorClaims
{
    /// <summary>The person's role requires a second factor they have not set up: only the setup page (and sign-out) is open.</summary>
    public const string SetupRequired = "hd:2fa_setup";
}

/// <summary>Start-up fails with the configuration's mistakes named (ValidateOnStart).</summary>
internal sealed class TwoFactorOptionsValidator : IValidateOptions<TwoFactorOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
