namespace HelpDesk.Application.Admin;

/// <summary>How many open cases got fresh SLA deadlines.</summary>
public sealed record RecomputeResult(Guid PolicyId, int Updated);
