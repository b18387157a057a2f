using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>What other viewers of a case receive: who, and whether they are viewing, typing or gone.</summary>
public sealed record Presence(Guid CaseId, Guid AgentId, string? Label, PresenceState State);
