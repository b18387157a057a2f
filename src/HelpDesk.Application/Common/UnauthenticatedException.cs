namespace HelpDesk.Application.Common;

/// <summary>Not signed in.</summary>
public sealed class UnauthenticatedException() : Exception("You must sign in to do this.");
