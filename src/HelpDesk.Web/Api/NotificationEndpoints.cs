using HelpDesk.Application.Notifications;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync)
            .WithSummary("Your notifications (staff), newest first, with the unread count. Pass nextCursor as cursor for the next page.")
            .Produces<NotificationPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        notifications.MapPost("/{id:guid}/read", MarkReadAsync)
            .WithSummary("Mark one of your notifications read. Someone else's answers 404.")
            .Produces<MarkNotificationRead.Result>().ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read", MarkAllReadAsync)
            .WithSummary("Mark all your notifications read.")
            .Produces<MarkAllNotificationsRead.Result>();
    }

    private static async Task<Ok<NotificationPage>> ListAsync(
        IMediator mediator, string? cursor, int? pageSize, bool? unreadOnly, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(
            new ListNotifications.Query(cursor, pageSize ?? ListNotifications.DefaultPageSize, unreadOnly ?? false), cancellationToken));

    private static async Task<Ok<MarkNotificationRead.Result>> MarkReadAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new MarkNotificationRead.Command(id), cancellationToken));

    private static async Task<Ok<MarkAllNotificationsRead.Result>> MarkAllReadAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new MarkAllNotificationsRead.Command(), cancellationToken));
}
