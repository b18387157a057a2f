namespace HelpDesk.Web.Pages;

/// <summary>
/// A destructive action waiting for a second "yes" (issue 15): the page shows <c>_Confirm</c> with what will happen,
/// a destructive-styled button that posts the same handler with <c>confirmed=true</c>, and a way back. With
/// JavaScript, site.js asks first (forms marked <c>data-confirm</c>) and sends <c>confirmed=true</c> itself, so the
/// action still takes one click and one question; without it, the question is this page.
/// </summary>
/// <param name="Handler">The page handler to post again.</param>
/// <param name="Id">The route id of what the action changes.</param>
/// <param name="Question">"Delete the routing rule “VIP”?"</param>
/// <param name="Consequence">What happens to things already done, in a sentence.</param>
/// <param name="Action">The button's words ("Delete rule").</param>
public sealed record Confirmation(string Handler, string Id, string Question, string Consequence, string Action);
