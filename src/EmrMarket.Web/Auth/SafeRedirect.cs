namespace EmrMarket.Web.Auth;

/// <summary>Open-redirect guard: only paths on this site are followed after sign-in.</summary>
public static class SafeRedirect
{
    public static string LocalOrDefault(string? returnUrl, string fallback = "/")
    {
        if (string.IsNullOrEmpty(returnUrl)) return fallback;
        // "/x" is local; "//host" and "/\host" are protocol-relative URLs browsers follow off-site.
        var local = returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Any(char.IsControl);
        return local ? returnUrl : fallback;
    }
}
