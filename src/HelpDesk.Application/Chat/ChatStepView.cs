using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record ChatStepView(string Instruction, string Why);
