namespace HelpDesk.Domain.Cases;

public static class CaseCategories
{
    /// <summary>Categories that must never sit with a junior tier.</summary>
    public static bool IsSensitive(CaseCategory category) => category is
        CaseCategory.ChildSafety or CaseCategory.AccountTakeover or CaseCategory.Harassment or CaseCategory.Legal;

    /// <summary>Human-readable label for pages and e-mails.</summary>
    public static string Label(CaseCategory category) => category switch
    {
        CaseCategory.Account => "Account and sign-in",
        CaseCategory.Billing => "Billing and payments",
        CaseCategory.Playback => "Playback and streaming quality",
        CaseCategory.Devices => "Devices and apps",
        CaseCategory.Content => "Titles and content",
        CaseCategory.Other => "Something else",
        CaseCategory.ChildSafety => "Child safety concern",
        CaseCategory.AccountTakeover => "My account was taken over",
        CaseCategory.Harassment => "Harassment or abuse",
        CaseCategory.Legal => "Legal request",
        _ => category.ToString(),
    };
}
