using EmrMarket.Core.Accounts;
using EmrMarket.Web.Components.Layout;

namespace EmrMarket.Web.Tests.Components;

public sealed class NavMenuTests
{
    public static TheoryData<string[], string[]> LinksByRole => new()
    {
        { [Roles.Patient], ["/patient", "/patient/datasets", "/account/wallet"] },
        { [Roles.Researcher], ["/catalog", "/account/wallet"] },
        { [Roles.Curator], ["/curator"] },
        { [Roles.Compliance], ["/compliance"] },
        { [Roles.Provider], ["/provider"] },
        { [Roles.Curator, Roles.Compliance], ["/curator", "/compliance"] },
    };

    [Theory]
    [MemberData(nameof(LinksByRole))]
    public async Task NavMenu_SignedIn_ShowsExactlyTheRolesLinks(string[] roles, string[] expected)
    {
        await using var host = new ComponentHost(ComponentHost.User("someone", roles));

        var html = await host.RenderAsync<NavMenu>();

        var nav = html.QuerySelector("nav[aria-label=Main]")!;
        Assert.Equal(expected, nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task NavMenu_Anonymous_ShowsNoLinks()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<NavMenu>();

        Assert.Empty(html.QuerySelectorAll("a"));
    }

    [Fact]
    public async Task NavMenu_OnAPage_MarksOnlyThatLinkActive()
    {
        await using var host = new ComponentHost(ComponentHost.User("p", Roles.Patient), uri: "http://localhost/patient/datasets");

        var html = await host.RenderAsync<NavMenu>();

        Assert.Equal(["/patient/datasets"], html.QuerySelectorAll("a.active").Select(a => a.GetAttribute("href")));
    }
}
