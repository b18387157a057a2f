using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>Claims that tie a cookie or token to its <see cref="AuthSession"/>.</summary>
public static class SessionClaims
{
    public const string Session = "hd:session";

    /// <summary>In a refresh token (and its access token): which refresh token of the family it is.</summary>
    public const string Refresh = "hd:refresh";
}
