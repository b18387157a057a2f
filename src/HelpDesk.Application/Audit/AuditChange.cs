namespace HelpDesk.Application.Audit;

/// <summary>A value before and after the action (either may be absent).</summary>
public sealed record AuditChange(string Field, string? From, string? To);
