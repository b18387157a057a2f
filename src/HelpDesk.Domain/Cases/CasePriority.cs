namespace HelpDesk.Domain.Cases;

public enum CasePriority
{
    Low,
    Normal,
    High,
    Urgent,
}
