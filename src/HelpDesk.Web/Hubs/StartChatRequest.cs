using HelpDesk.Application.Chat;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>The start-chat request as the hub and the API take it (ADR 0106).</summary>
public sealed record StartChatRequest(string? GuestName, string? GuestEmail, string? Language, Guid? CaseId, string? FirstMessage);
