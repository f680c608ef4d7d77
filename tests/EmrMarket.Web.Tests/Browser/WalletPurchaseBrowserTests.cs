using System.Numerics;
using System.Text.Json;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>
/// A researcher whose account uses their own wallet buys in the browser: an injected window.ethereum signs the
/// agreement and the permit with a test key and sends the purchase from that key; the indexer turns it into a licence.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WalletPurchaseBrowserTests(BrowserSession browser, MarketChainWorld world) : IClassFixture<MarketChainWorld>
{
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WalletPurchase_SignedAndSentByTheBrowserWallet_LicenceHeld()
    {
        var (_, offerId) = await world.BuildAndListAsync("Own wallet cohort");
        var (researcher, key) = await ResearcherWithOwnWalletAsync();
        var wallet = new TestWallet(world.Chain, key, key);
        var (page, errors) = await OpenOfferAsync(researcher, wallet, offerId);

        await AcceptAndBuyAsync(page, offerId);

        await Expect(page.GetByTestId("licence-held")).ToBeVisibleAsync(new() { Timeout = Ms(ChainTimeout) });
        Assert.Equal(["eth_requestAccounts", "eth_signTypedData_v4", "eth_signTypedData_v4", "eth_sendTransaction"], wallet.Methods);
        var receipt = await world.Chain.Rpc.GetTransactionReceiptAsync(wallet.Sent!.Value);
        Assert.True(receipt!.Succeeded);
        Assert.Equal(world.Chain.Address(ContractArtifacts.DataMarketplace), receipt.To);
        Assert.Equal(BigInteger.One, await world.Chain.Contract(ContractArtifacts.DataLicense).CallAsync<BigInteger>("balanceOf", key.Address, (BigInteger)offerId));
        var purchase = Assert.Single(await world.Get<PurchaseService>().ForAccountAsync(researcher.Id, default));
        Assert.Equal(PurchaseStatus.Licensed, purchase.Status);
        Assert.True(purchase.FromWallet);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WalletPurchase_WalletSignsWithAnotherKey_RefusedAndNothingStored()
    {
        var (_, offerId) = await world.BuildAndListAsync("Forged wallet cohort");
        var (researcher, key) = await ResearcherWithOwnWalletAsync();
        var wallet = new TestWallet(world.Chain, key, PrivateKey.Generate());
        var (page, errors) = await OpenOfferAsync(researcher, wallet, offerId);

        await AcceptAndBuyAsync(page, offerId);

        await Expect(page.GetByTestId("buy-problem")).ToContainTextAsync($"not by your wallet {key.Address}");
        Assert.DoesNotContain("eth_sendTransaction", wallet.Methods);
        Assert.Empty(await world.Get<PurchaseService>().ForAccountAsync(researcher.Id, default));
        Assert.Equal(BigInteger.Zero, await world.Chain.Contract(ContractArtifacts.DataLicense).CallAsync<BigInteger>("balanceOf", key.Address, (BigInteger)offerId));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WalletPurchase_WalletOnAnotherAccount_AskedToSwitchAndNothingSigned()
    {
        var (_, offerId) = await world.BuildAndListAsync("Other account cohort");
        var (researcher, key) = await ResearcherWithOwnWalletAsync();
        var other = PrivateKey.Generate();
        var wallet = new TestWallet(world.Chain, other, other);
        var (page, errors) = await OpenOfferAsync(researcher, wallet, offerId);

        await AcceptAndBuyAsync(page, offerId);

        await Expect(page.GetByTestId("buy-problem")).ToContainTextAsync("switch accounts in the wallet");
        Assert.Equal(["eth_requestAccounts"], wallet.Methods);
        Assert.Empty(await world.Get<PurchaseService>().ForAccountAsync(researcher.Id, default));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task WalletPurchase_WalletRefusesToSend_ToldAndSentOnTheSecondAsk()
    {
        var (_, offerId) = await world.BuildAndListAsync("Second ask cohort");
        var (researcher, key) = await ResearcherWithOwnWalletAsync();
        var wallet = new TestWallet(world.Chain, key, key) { SendRefusals = 1 };
        var (page, errors) = await OpenOfferAsync(researcher, wallet, offerId);

        await AcceptAndBuyAsync(page, offerId);
        await Expect(page.GetByTestId("buy-problem")).ToContainTextAsync("your wallet did not send the purchase: User rejected the request.");
        await Expect(page.GetByTestId("purchase-status")).ToHaveAttributeAsync("data-status", nameof(PurchaseStatus.AwaitingWallet));
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the purchase from my wallet" }).ClickAsync();

        await Expect(page.GetByTestId("licence-held")).ToBeVisibleAsync(new() { Timeout = Ms(ChainTimeout) });
        Assert.Equal(BigInteger.One, await world.Chain.Contract(ContractArtifacts.DataLicense).CallAsync<BigInteger>("balanceOf", key.Address, (BigInteger)offerId));
        Assert.Empty(errors);
    }

    private async Task<(TestAccount Researcher, PrivateKey Key)> ResearcherWithOwnWalletAsync()
    {
        var researcher = await world.NewAccountAsync(Roles.Researcher, "Owen Ownwallet", wallet: false);
        var key = PrivateKey.Generate();
        await world.Get<IWalletRepository>().LinkExternalAsync(researcher.Id, key.Address, default);
        await world.Chain.FundAsync(key.Address);
        await world.Chain.MintDollarsAsync(key.Address, MarketChainWorld.Price);
        return (researcher, key);
    }

    private async Task<(IPage Page, List<string> Errors)> OpenOfferAsync(TestAccount researcher, TestWallet wallet, ulong offerId)
    {
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.ExposeFunctionAsync("emrTestWallet", (string method, string paramsJson) => wallet.AnswerAsync(method, paramsJson));
        await page.AddInitScriptAsync("""
            window.ethereum = { request: async ({ method, params }) => {
              const answer = JSON.parse(await window.emrTestWallet(method, JSON.stringify(params ?? [])));
              if (answer.error) throw { code: 4001, message: answer.error };
              return answer.value;
            } };
            """);
        await page.SignInAsync(researcher);
        await page.OpenAsync($"/catalog/{offerId}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("review-purchase").ClickAsync();
        return (page, errors);
    }

    private static async Task AcceptAndBuyAsync(IPage page, ulong offerId)
    {
        await page.GetByLabel($"I have read and accept the data use agreement for offer #{offerId}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and buy with my browser wallet" }).ClickAsync();
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    /// <summary>
    /// A browser wallet on <paramref name="account"/> that signs typed data with <paramref name="signer"/> and sends
    /// transactions from it, refusing the first <see cref="SendRefusals"/> sends as a person would.
    /// </summary>
    private sealed class TestWallet(DeployedChain chain, PrivateKey account, PrivateKey signer)
    {
        public int SendRefusals { get; set; }

        public List<string> Methods { get; } = [];

        public Hash32? Sent { get; private set; }

        public async Task<string> AnswerAsync(string method, string paramsJson)
        {
            Methods.Add(method);
            var parameters = JsonDocument.Parse(paramsJson).RootElement;
            object answer = method switch
            {
                "eth_requestAccounts" => new { value = new[] { account.Address.ToString() } },
                "eth_signTypedData_v4" when EthAddress.Parse(parameters[0].GetString()!) == account.Address =>
                    new { value = signer.SignTypedData(TypedData.FromJson(parameters[1].GetString()!)).ToString() },
                "eth_sendTransaction" when SendRefusals-- > 0 => new { error = "User rejected the request." },
                "eth_sendTransaction" => new { value = (await SendAsync(parameters[0])).ToString() },
                _ => new { error = $"unsupported {method} for these parameters" },
            };
            return JsonSerializer.Serialize(answer);
        }

        private async Task<Hash32> SendAsync(JsonElement call)
        {
            if (EthAddress.Parse(call.GetProperty("from").GetString()!) != account.Address) throw new InvalidOperationException("asked to send from another account");
            var request = new TransactionRequest(EthAddress.Parse(call.GetProperty("to").GetString()!), Hex.Decode(call.GetProperty("data").GetString()!));
            Sent = (await new TransactionSender(chain.Rpc, signer, chain.ChainId).SendAsync(request)).Hash;
            return Sent.Value;
        }
    }
}
