namespace HelpDesk.Application.Staff;

public sealed record StaffPage(IReadOnlyList<StaffMemberModel> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
