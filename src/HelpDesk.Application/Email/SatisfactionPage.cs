using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>What the anonymous satisfaction page shows for a token.</summary>
public sealed record SatisfactionPage(string CaseNumber, string Subject, bool Answered, int? Rating, string? Comment, DateTimeOffset? AnsweredAt);
