using System.Numerics;
using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Web.Components.Shared;
using EmrMarket.Web.Infrastructure;
using EmrMarket.Web.Market;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests.Components;

public sealed class SharedComponentTests
{
    private static readonly Hash32 Tx = Hash32.Parse("0x" + string.Concat(Enumerable.Repeat("ab12", 16)));

    [Theory]
    [InlineData(MessageKind.Error, "alert")]
    [InlineData(MessageKind.Success, "status")]
    [InlineData(MessageKind.Pending, "status")]
    public async Task StatusMessage_Kind_AnnouncedWithTheRightRole(MessageKind kind, string role)
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<StatusMessage>(new Dictionary<string, object?> { ["Kind"] = kind, ["Text"] = "Saved." });

        var message = html.QuerySelector(".message")!;
        Assert.Equal(role, message.GetAttribute("role"));
        Assert.Contains(kind.ToString().ToLowerInvariant(), message.ClassList);
        Assert.Equal("Saved.", message.TextContent.Trim());
    }

    [Fact]
    public async Task StatusMessage_NoText_RendersNothing()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<StatusMessage>(new Dictionary<string, object?> { ["Kind"] = MessageKind.Error });

        Assert.Null(html.QuerySelector(".message"));
    }

    [Fact]
    public async Task TxLink_Default_LinksTheAppsTransactionPageWithTheFullHashForReaders()
    {
        await using var host = new ComponentHost();

        var link = (await host.RenderAsync<TxLink>(new Dictionary<string, object?> { ["Hash"] = Tx })).QuerySelector("a")!;

        Assert.Equal($"/chain/tx/{Tx}", link.GetAttribute("href"));
        Assert.Equal("0xab12…ab12", link.TextContent);
        Assert.Equal($"transaction {Tx}", link.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task TxLink_ExplorerConfigured_LinksTheExplorer()
    {
        await using var host = new ComponentHost(configure: s => s.Configure<ExplorerOptions>(o => o.TransactionUrl = "https://explorer.example/tx/{0}"));

        var link = (await host.RenderAsync<TxLink>(new Dictionary<string, object?> { ["Hash"] = Tx })).QuerySelector("a")!;

        Assert.Equal($"https://explorer.example/tx/{Tx}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task HashText_Whole_ShowsTheWholeValue()
    {
        var address = EthAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        await using var host = new ComponentHost();

        var code = (await host.RenderAsync<HashText>(new Dictionary<string, object?> { ["Value"] = address.ToString(), ["Whole"] = true, ["TestId"] = "wallet" }))
            .QuerySelector("[data-testid=wallet]")!;

        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", code.TextContent);
    }

    [Fact]
    public async Task HashText_Default_ShowsItShortAndGivesReadersTheWholeValue()
    {
        await using var host = new ComponentHost();

        var code = (await host.RenderAsync<HashText>(new Dictionary<string, object?> { ["Value"] = Tx.ToString() })).QuerySelector("code")!;

        Assert.Equal("0xab12…ab12", code.QuerySelector("[aria-hidden=true]")!.TextContent);
        Assert.Equal(Tx.ToString(), code.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal(Tx.ToString(), code.GetAttribute("title"));
    }

    [Fact]
    public async Task PurposeBadges_TwoPurposes_NamesEachWithItsExplanation()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<PurposeBadges>(new Dictionary<string, object?> { ["Purposes"] = Purpose.AcademicResearch | Purpose.AiTraining });

        var badges = html.QuerySelectorAll("li.badge");
        Assert.Equal(["Academic research", "AI / ML training"], badges.Select(b => b.TextContent));
        Assert.Equal(Purposes.Defined[0].Explanation, badges[0].GetAttribute("title"));
    }

    [Fact]
    public async Task PurposeBadges_None_SaysSo()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<PurposeBadges>(new Dictionary<string, object?> { ["Purposes"] = Purpose.None, ["EmptyText"] = "nothing granted" });

        Assert.Empty(html.QuerySelectorAll("li"));
        Assert.Equal("nothing granted", html.Body!.TextContent.Trim());
    }

    [Fact]
    public async Task ConfirmDialog_Open_IsALabelledModalDialog()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<ConfirmDialog>(new Dictionary<string, object?>
        {
            ["Open"] = true, ["Title"] = "Change your consent?", ["ConfirmText"] = "Yes, change it",
            ["ChildContent"] = ComponentHost.Text("Data already sold cannot be recalled."),
        });

        var dialog = html.QuerySelector("[role=dialog]")!;
        Assert.Equal("true", dialog.GetAttribute("aria-modal"));
        Assert.Equal("Change your consent?", html.GetElementById(dialog.GetAttribute("aria-labelledby")!)!.TextContent);
        Assert.Contains("cannot be recalled", html.GetElementById(dialog.GetAttribute("aria-describedby")!)!.TextContent);
        Assert.Equal(["Yes, change it", "Cancel"], dialog.QuerySelectorAll("button").Select(b => b.TextContent));
    }

    [Fact]
    public async Task ConfirmDialog_Closed_RendersNothing()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<ConfirmDialog>(new Dictionary<string, object?> { ["Open"] = false, ["Title"] = "x" });

        Assert.Null(html.QuerySelector("[role=dialog]"));
    }

    public static TheoryData<string, int, string> Amounts => new()
    {
        { "0", 6, "0 TUSD" },
        { "1", 6, "0.000001 TUSD" },
        { "1234500", 6, "1.2345 TUSD" },
        { "1000000", 6, "1 TUSD" },
        { "123456789012345", 6, "123,456,789.012345 TUSD" },
        { "-2500000", 6, "-2.5 TUSD" },
        { "42", 0, "42 TUSD" },
        { "1000000000000000000", 18, "1 TUSD" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void TokenAmounts_Format_ExactDecimalWithTheSymbol(string baseUnits, int decimals, string expected) =>
        Assert.Equal(expected, (TokenAmounts.Dollar with { Decimals = decimals }).Format(BigInteger.Parse(baseUnits)));

    [Fact]
    public void TokenAmounts_Format_ReadsTheDollarsSixDecimals() => Assert.Equal("12.5 TUSD", TokenAmounts.Format(12_500_000));

    [Fact]
    public async Task TimeText_RendersMachineReadableUtc()
    {
        await using var host = new ComponentHost();

        var time = (await host.RenderAsync<TimeText>(new Dictionary<string, object?> { ["At"] = new DateTimeOffset(2026, 3, 4, 15, 6, 0, TimeSpan.FromHours(2)) }))
            .QuerySelector("time")!;

        Assert.Equal("2026-03-04T13:06:00Z", time.GetAttribute("datetime"));
        Assert.Equal("4 Mar 2026, 13:06 UTC", time.TextContent);
    }
}
