namespace HelpDesk.Application.Staff;

public enum StaffStatus
{
    Active,
    Invited,
    Deactivated,
}
