namespace HelpDesk.Application.Chat;

public sealed record ChatStepView(string Instruction, string Why);
