using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmrMarket.Bench.Web;

/// <summary>
/// Signs in once through the real login form (antiforgery cookie and token included) and hands out clients carrying
/// that session cookie, so many simulated browsers do not each pay for the password hash.
/// </summary>
internal static partial class BenchLogin
{
    public static async Task<HttpClient> ClientAsync<T>(WebApplicationFactory<T> app, string email, string password) where T : class =>
        WithCookie(app, await SessionCookieAsync(app, email, password));

    public static HttpClient WithCookie<T>(WebApplicationFactory<T> app, string cookie) where T : class
    {
        var client = app.CreateDefaultClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<string> SessionCookieAsync<T>(WebApplicationFactory<T> app, string email, string password) where T : class
    {
        using var client = app.CreateDefaultClient();
        using var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Antiforgery().Match(html).Groups[1].Value, ["email"] = email, ["password"] = password,
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", Cookies(page)));
        using var response = await client.SendAsync(request);
        return Cookies(response).FirstOrDefault(c => c.StartsWith("emr.session=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"sign-in as {email} failed: {response.StatusCode} {response.Headers.Location}");
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
