using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmrMarket.Web.Tests;

/// <summary>Signs in through the real login form (antiforgery token and all) and keeps the session cookie.</summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(WebApplicationFactory<Program> app, string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await PostLoginAsync(client, email, password, returnUrl: null);
        if (response.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) != false)
            throw new InvalidOperationException($"sign-in as {email} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl)
    {
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
        };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
