using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Web.Components;
using EmrMarket.Web.Components.Shared.Consent;
using EmrMarket.Web.Components.Shared.Payouts;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests.Components;

public sealed class PatientComponentTests
{
    private static readonly EthAddress Token = PrivateKey.Generate().Address;
    private static readonly EthAddress Wallet = PrivateKey.Generate().Address;

    [Theory]
    [InlineData("/patient")]
    [InlineData("/patient/datasets")]
    public async Task PatientPage_SignedInAsResearcher_NotAllowed(string path)
    {
        await using var host = new ComponentHost(ComponentHost.User("Rita", Roles.Researcher), RoutingServices, "http://localhost" + path);

        var html = await host.RenderAsync<Routes>();

        Assert.Equal("Not allowed", html.QuerySelector("h1")?.TextContent);
        Assert.Null(html.QuerySelector("[data-testid=earnings-panel], [data-testid=consent]"));
    }

    [Fact]
    public async Task EarningsTable_ListedOffer_ShowsWeightShareAndAmountsInTheToken()
    {
        await using var host = new ComponentHost();
        var earning = Earning(offerId: 4, pool: 9_000_000, claimed: 100_000);

        var html = await host.RenderAsync<EarningsTable>(new Dictionary<string, object?> { ["View"] = View(earning) });

        var row = html.QuerySelector("[data-testid=earning]")!;
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Everyone", row.QuerySelector("th")!.TextContent);
        Assert.Equal("#4 (for sale)", cells[0]);
        Assert.Equal("17 rows of 209 (8.13 %)", cells[1]);
        Assert.Equal(["9 TUSD", "0.732057 TUSD", "0.1 TUSD", "0.632057 TUSD"], cells[2..]); // 9,000,000 × 17 / 209 = 732,057.4
    }

    [Fact]
    public async Task EarningsTable_NotListedYet_SaysSoWithoutAmounts()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<EarningsTable>(new Dictionary<string, object?> { ["View"] = View(Earning(offerId: null, pool: 0, claimed: 0)) });

        var cells = html.QuerySelectorAll("[data-testid=earning] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("not listed yet", cells[0]);
        Assert.Equal(["—", "—", "—", "—"], cells[2..]);
    }

    [Fact]
    public async Task EarningsTable_NoDataset_SaysSoAndHasNoTable()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<EarningsTable>(new Dictionary<string, object?> { ["View"] = new EarningsView(Wallet, [], new Dictionary<EthAddress, TokenInfo>(), null) });

        Assert.Null(html.QuerySelector("table"));
        Assert.Contains("No dataset includes you yet", html.QuerySelector("[data-testid=earnings-empty]")!.TextContent);
    }

    [Fact]
    public async Task ClaimQuoteText_RelayedClaim_ShowsTheAmountAndThatThePlatformPaysTheGas()
    {
        await using var host = new ComponentHost();
        var item = new ClaimItem(4, Guid.NewGuid(), Token, 17, 732_057, 632_057, []);
        var quote = new ClaimQuote(Wallet, [item], new Dictionary<EthAddress, BigInteger> { [Token] = 632_057 }, Tokens,
            new GasEstimate(95_452, 2_000_000_000, PaidByPlatform: true), null);

        var html = await host.RenderAsync<ClaimQuoteText>(new Dictionary<string, object?> { ["Quote"] = quote });

        Assert.Contains("You receive 0.632057 TUSD from 1 offer in one transaction", Squeeze(html.QuerySelector("[data-testid=claim-quote]")!.TextContent));
        Assert.Equal("Gas: about 95,452 units, at most 0.000190904 ETH, paid by the platform: it costs you nothing.",
            Squeeze(html.QuerySelector("[data-testid=claim-gas]")!.TextContent));
    }

    [Fact]
    public async Task MembershipProofList_TrueProof_SaysItLeadsToTheRootAndGivesWhatVerifyTakes()
    {
        await using var host = new ComponentHost();
        var proof = Proof(out _);

        var html = await host.RenderAsync<MembershipProofList>(new Dictionary<string, object?> { ["Proofs"] = new[] { proof } });

        Assert.Contains("The proof leads to the root", html.QuerySelector("[data-testid=proof-check]")!.TextContent);
        var json = JsonNode.Parse(html.QuerySelector("[data-testid=proof-json]")!.TextContent)!;
        Assert.Equal(proof.Root.ToString(), (string?)json["root"]);
        Assert.Equal(["address", "uint256"], json["leafEncoding"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([proof.Wallet.ToString(), "3"], json["value"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(proof.Proof.Select(p => p.ToString()), json["proof"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task MembershipProofList_ProofOfAnotherRoot_WarnsInsteadOfVouching()
    {
        await using var host = new ComponentHost();
        var proof = Proof(out _) with { Root = Keccak256.Hash("another tree") };

        var html = await host.RenderAsync<MembershipProofList>(new Dictionary<string, object?> { ["Proofs"] = new[] { proof } });

        Assert.Contains("does not lead to the root", html.QuerySelector("[data-testid=proof-check]")!.TextContent);
    }

    [Fact]
    public async Task ConsentEditor_EachPurpose_IsALabelledSwitchWithItsExplanationAndTheRecallWarning()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<ConsentEditor>(new Dictionary<string, object?> { ["Current"] = Purpose.PublicHealth });

        var switches = html.QuerySelectorAll("input[role=switch]");
        Assert.Equal(Purposes.Defined.Count, switches.Length);
        foreach (var input in switches)
        {
            Assert.NotEmpty(html.QuerySelector($"label[for={input.Id}]")!.TextContent);
            Assert.NotEmpty(html.GetElementById(input.GetAttribute("aria-describedby")!)!.TextContent);
        }
        Assert.Equal(["purpose-public_health"], switches.Where(s => s.HasAttribute("checked")).Select(s => s.Id));
        Assert.Contains("Data already sold cannot be recalled", html.QuerySelector("[data-testid=recall-warning]")!.TextContent);
    }

    [Fact]
    public async Task ConsentEditor_Disabled_DisablesTheSwitchesAndButtons()
    {
        await using var host = new ComponentHost();

        var html = await host.RenderAsync<ConsentEditor>(new Dictionary<string, object?> { ["Current"] = Purpose.PublicHealth, ["Disabled"] = true });

        Assert.True(html.QuerySelector("fieldset")!.HasAttribute("disabled"));
        Assert.All(html.QuerySelectorAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    // What the router needs beyond the host's services; a page a researcher may not open injects nothing.
    private static void RoutingServices(IServiceCollection services)
    {
        services.AddSingleton<INavigationInterception, NoInterception>();
        services.AddSingleton<IScrollToLocationHash, NoInterception>();
        services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoScript>();
    }

    // Prerendering never runs scripts (after-render hooks do not run in the HtmlRenderer).
    private sealed class NoScript : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => throw new InvalidOperationException("no scripts while prerendering");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("no scripts while prerendering");
    }

    private sealed class NoInterception : INavigationInterception, IScrollToLocationHash
    {
        public Task EnableNavigationInterceptionAsync() => Task.CompletedTask;

        public Task RefreshScrollPositionForHash(string locationAbsolute) => Task.CompletedTask;
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }

    private static IReadOnlyDictionary<EthAddress, TokenInfo> Tokens => new Dictionary<EthAddress, TokenInfo> { [Token] = new(Token, "TUSD", 6) };

    private static Earning Earning(ulong? offerId, BigInteger pool, BigInteger claimed) => new(Guid.NewGuid(), "Everyone", (ulong)Purpose.AcademicResearch,
        offerId is null ? "built" : "listed", offerId, offerId is null ? null : OfferStatus.Active, offerId is null ? null : Token, 8, 17, 209, pool, claimed, null);

    private static EarningsView View(Earning earning) => new(Wallet, [earning], Tokens, null);

    private static MembershipProof Proof(out PayoutTree tree)
    {
        var leaves = Enumerable.Range(1, 5).Select(i => new PayoutLeaf(i == 3 ? Wallet : PrivateKey.Generate().Address, i)).ToList();
        tree = new PayoutTree(leaves);
        var index = tree.IndexOf(Wallet);
        return new MembershipProof(Guid.NewGuid(), "Everyone", 4, Wallet, 3, tree.TotalWeight, index, default, tree.ProofOf(index), tree.Root);
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
