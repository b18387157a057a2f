namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// A command that runs no transaction of its own around its handler: the handler sends commands that each have their
/// own, with something outside the database between them (handing a message to an SMTP server) that must not be
/// repeated when a transaction is retried.
/// </summary>
public interface IOwnTransactions;
