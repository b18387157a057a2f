namespace HelpDesk.Application.Chat;

/// <summary>The callback details when a subscriber takes the offered callback (as <c>RequestCallback</c> wants them).</summary>
public sealed record CallbackChoice(string Phone, DateOnly Date, TimeOnly From, TimeOnly To, string TimeZone, string? Topic);
