namespace HelpDesk.Web.Security;

public enum SecondFactorOutcome
{
    Accepted,
    Wrong,
    LockedOut,
}
