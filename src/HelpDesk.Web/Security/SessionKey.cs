using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>A sign-in session as a cookie or token names it: the user, the session and the security stamp it was issued with.</summary>
public sealed record SessionKey(string UserId, Guid SessionId, string Stamp);
