namespace HelpDesk.Domain.Chat;

public enum ChatFallbackReason
{
    NoAgentInTime,
    OutsideStaffedHours,
}
