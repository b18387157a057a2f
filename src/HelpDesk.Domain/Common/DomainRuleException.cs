namespace HelpDesk.Domain.Common;

/// <summary>
/// A business rule refused the operation (an illegal status move, a reply on a closed case...).
/// The message is written for the person who tried it.
/// </summary>
public sealed class DomainRuleException(string code, string message) : Exception(message)
{
    /// <summary>A stable machine-readable code, e.g. <c>case.illegal_transition</c>.</summary>
    public string Code { get; } = code;
}
