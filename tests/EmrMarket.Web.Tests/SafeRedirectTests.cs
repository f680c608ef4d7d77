using EmrMarket.Web.Auth;

namespace EmrMarket.Web.Tests;

public sealed class SafeRedirectTests
{
    [Theory]
    [InlineData("/catalog", "/catalog")]
    [InlineData("/patient?tab=consent", "/patient?tab=consent")]
    [InlineData("/", "/")]
    [InlineData(null, "/home")]
    [InlineData("", "/home")]
    [InlineData("https://evil.example/", "/home")]
    [InlineData("//evil.example", "/home")]
    [InlineData("/\\evil.example", "/home")]
    [InlineData("javascript:alert(1)", "/home")]
    [InlineData("/ok\r\nLocation: https://evil.example", "/home")]
    public void LocalOrDefault_Candidate_FollowsOnlyLocalPaths(string? candidate, string expected)
    {
        Assert.Equal(expected, SafeRedirect.LocalOrDefault(candidate, "/home"));
    }
}
