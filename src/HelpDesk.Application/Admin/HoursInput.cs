namespace HelpDesk.Application.Admin;

/// <summary>One opening window as administrators enter it.</summary>
public sealed record HoursInput(DayOfWeek Day, TimeOnly Open, TimeOnly Close);
