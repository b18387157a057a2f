namespace HelpDesk.Application.Cases;

/// <summary>A related case (merged into, follows on from, continues in).</summary>
public sealed record CaseLink(Guid Id, string Number);
