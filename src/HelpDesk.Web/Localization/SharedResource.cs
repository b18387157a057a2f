namespace HelpDesk.Web.Localization;

/// <summary>
/// Marker for the shared string table. Pages write English keys through <c>IStringLocalizer&lt;SharedResource&gt;</c>;
/// a missing translation falls back to the key, so Spanish can be added as SharedResource.es.resx.
/// </summary>
public sealed class SharedResource;
