using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Admin;

/// <summary>How many open cases got fresh SLA deadlines.</summary>
public sealed record RecomputeResult(Guid PolicyId, int Updated);
