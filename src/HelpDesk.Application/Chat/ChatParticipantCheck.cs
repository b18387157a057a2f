using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The participant check of an <see cref="Common.Security.IChatParticipantLockedCommand"/> (a guest's or subscriber's chat
/// message; ADR 0129): the authorization behavior declares it, <see cref="ChatWork.LockAsync"/> makes it on the row it locks
/// (the rule and the refusal of <see cref="ChatAccess.AuthorizeParticipantAsync"/>), and before anything is saved this
/// participant fails a command whose handler never locked its chat. The command's validation waits for the check
/// (authorization first, as for every request). Scoped: one command.
/// </summary>
public sealed class ChatParticipantCheck(ICurrentUser user) : ITransactionParticipant
{
    private Guid? _chatId;
    private string? _accessToken;
    private bool _checked;
    private Func<CancellationToken, ValueTask>? _validate;

    /// <summary>First: nothing is added or derived for a command whose caller was not checked.</summary>
    public int Order => TransactionStage.AddRows - 100;

    /// <summary>The authorization behavior: this command's caller is checked when its chat is locked.</summary>
    public void Expect(Guid chatId, string? accessToken)
    {
        _chatId = chatId;
        _accessToken = accessToken;
        _checked = false;
        _validate = null;
    }

    /// <summary>The validation behavior: the command's validation, run once its caller passed the check.</summary>
    public void ValidateAfterCheck(Func<CancellationToken, ValueTask> validate) => _validate = validate;

    /// <summary>
    /// The chat was just locked: if this command is to be checked on it, check now (refused as "not found"), then
    /// validate the command.
    /// </summary>
    public async ValueTask OnLockedAsync(ChatConversation chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (_chatId == chat.Id && !_checked)
        {
            ChatAccess.EnsureParticipant(chat, user, _accessToken);
            _checked = true;
            if (_validate is { } validate)
            {
                await validate(cancellationToken);
            }
        }
    }

    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken) =>
        _chatId is { } chatId && !_checked
            ? throw new InvalidOperationException($"The command was to check its caller on chat {chatId} when it locked it, and never locked it.")
            : ValueTask.CompletedTask;

    /// <summary>A retried attempt (a dropped connection, ADR 0110) locks and checks again; the expectation stays.</summary>
    public void Reset() => _checked = false;
}
