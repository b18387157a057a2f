using System.Security.Cryptography;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

public enum SecondFactorOutcome
{
    Accepted,
    Wrong,
    LockedOut,
}
