using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Admin;

/// <summary>One opening window as administrators enter it.</summary>
public sealed record HoursInput(DayOfWeek Day, TimeOnly Open, TimeOnly Close);
