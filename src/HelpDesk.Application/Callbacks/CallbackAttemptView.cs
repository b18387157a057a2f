using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Callbacks;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Callbacks;

public sealed record CallbackAttemptView(int Number, string AgentName, CallbackOutcome Outcome, string? Notes, DateTimeOffset At);
