using System.Numerics;
using System.Text.RegularExpressions;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;
using EmrMarket.Web.Market;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>A patient's datasets and earnings against a real chain: live pools, proofs checked elsewhere, one claim for all.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PatientMarketBrowserTests(BrowserSession browser, MarketChainWorld world) : IClassFixture<MarketChainWorld>
{
    [Fact]
    public async Task Earnings_PurchaseWhileOpen_ShowsLiveThenClaimAllQuotesFirstAndPays()
    {
        var (dataset, offerId) = await world.BuildAndListAsync("Earnings test");
        var (patient, wallet, weight) = await MemberAsync(dataset, 0);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await page.OpenAsync("/patient/datasets");
        var row = page.GetByTestId("earning").Filter(new() { HasText = "Earnings test" });
        await Expect(row.GetByTestId("claimable")).ToHaveTextAsync("0 TUSD");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Claim all" })).ToBeDisabledAsync();

        await world.BuyAsync(offerId);

        var expected = await MarketplaceAsync<BigInteger>("claimable", new BigInteger(offerId), wallet, weight);
        Assert.True(expected > 0);
        var text = TokenAmounts.Format(expected);
        await Expect(row.GetByTestId("claimable")).ToHaveTextAsync(text, new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim all" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Claim all your earnings?" });
        await Expect(dialog.GetByTestId("claim-quote")).ToContainTextAsync(text);
        await Expect(dialog.GetByTestId("claim-gas")).ToContainTextAsync("paid by the platform");
        await page.ScreenshotAsync("patient-claim-quote");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, claim it" }).ClickAsync();

        await Expect(page.GetByTestId("earnings-message")).ToContainTextAsync($"Claimed {text}", new() { Timeout = 30_000 });
        await Expect(row.GetByTestId("claimable")).ToHaveTextAsync("0 TUSD");
        Assert.Equal(expected, await MarketplaceAsync<BigInteger>("claimedBy", new BigInteger(offerId), wallet));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Proofs_JsonShown_VerifiesWithOpenZeppelinsLibraryAgainstTheOffersRoot()
    {
        var (dataset, _) = await world.BuildAndListAsync("Proof test");
        var (patient, wallet, weight) = await MemberAsync(dataset, 1);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await page.OpenAsync("/patient/datasets");

        var item = page.GetByTestId("proof").Filter(new() { HasText = "Proof test" });
        await Expect(item.GetByTestId("proof-check")).ToContainTextAsync("The proof leads to the root");
        await item.GetByText("The proof to check (JSON)").ClickAsync();
        var json = await item.GetByTestId("proof-json").TextContentAsync();

        var script = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, $$"""
            import { StandardMerkleTree } from '{{Path.Combine(RepoPaths.Contracts, "node_modules", "@openzeppelin", "merkle-tree", "dist", "index.js")}}';
            const p = JSON.parse(process.argv[2]);
            console.log(StandardMerkleTree.verify(p.root, p.leafEncoding, p.value, p.proof), p.root, p.value[0], p.value[1]);
            """);
        var result = await ProcessRunner.RunAsync("node", [script, json!]);
        File.Delete(script);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal($"true {dataset.PayoutRoot} {wallet} {weight}", result.StandardOutput.Trim(), ignoreCase: true);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Live_TwoAppInstances_ConsentPurchaseAndClaimShowOnTheOtherWithoutReload()
    {
        await using var second = await world.StartInstanceAsync();
        var (dataset, offerId) = await world.BuildAndListAsync("Live test");
        var (patient, wallet, weight) = await MemberAsync(dataset, 2);
        var (watching, watchingErrors) = await browser.NewPageAsync(world.App.BaseUrl);
        var (acting, actingErrors) = await browser.NewPageAsync(second.BaseUrl);
        await watching.SignInAsync(patient);
        await acting.SignInAsync(patient);
        var history = watching.GetByTestId("consent-history").Locator("tbody tr");
        await Expect(history).ToHaveCountAsync(1);

        await acting.GetByRole(AriaRole.Switch, new() { Name = "Genetic studies" }).UncheckAsync();
        await acting.GetByRole(AriaRole.Button, new() { Name = "Save my consent" }).ClickAsync();
        await acting.GetByRole(AriaRole.Button, new() { Name = "Yes, save it" }).ClickAsync();

        await Expect(history).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(watching.GetByTestId("consent-current")).Not.ToContainTextAsync("Genetic studies");
        await Expect(watching.GetByRole(AriaRole.Switch, new() { Name = "Genetic studies" })).Not.ToBeCheckedAsync();

        await watching.OpenAsync("/patient/datasets");
        await acting.OpenAsync("/patient/datasets");
        var watched = watching.GetByTestId("earning").Filter(new() { HasText = "Live test" });
        await Expect(watched.GetByTestId("claimable")).ToHaveTextAsync("0 TUSD");
        await world.BuyAsync(offerId);
        var expected = TokenAmounts.Format(await MarketplaceAsync<BigInteger>("claimable", new BigInteger(offerId), wallet, weight));
        await Expect(watched.GetByTestId("claimable")).ToHaveTextAsync(expected, new() { Timeout = 15_000 });

        await acting.GetByRole(AriaRole.Button, new() { Name = "Claim all" }).ClickAsync();
        await acting.GetByRole(AriaRole.Button, new() { Name = "Yes, claim it" }).ClickAsync();

        await Expect(watched.GetByTestId("claimable")).ToHaveTextAsync("0 TUSD", new() { Timeout = 30_000 });
        await Expect(watched.GetByTestId("claimed")).ToHaveTextAsync(expected);
        Assert.Empty(watchingErrors);
        Assert.Empty(actingErrors);
    }

    /// <summary>The n-th test patient who is in the dataset, with their wallet and payout weight.</summary>
    private async Task<(TestAccount Patient, EthAddress Wallet, BigInteger Weight)> MemberAsync(DatasetRecord dataset, int n)
    {
        var leaves = await world.Get<IDatasetStore>().PayoutsAsync(dataset.Id, default);
        var members = new List<(TestAccount, EthAddress, BigInteger)>();
        foreach (var patient in world.Patients)
        {
            var wallet = (await world.Get<IWalletRepository>().FindByAccountAsync(patient.Id, default))!.Address;
            if (leaves.FirstOrDefault(l => l.Wallet == wallet) is { } leaf) members.Add((patient, wallet, leaf.Weight));
        }
        return members[n];
    }

    private Task<T> MarketplaceAsync<T>(string function, params object?[] arguments) =>
        world.Chain.Contract(ContractArtifacts.DataMarketplace).CallAsync<T>(function, arguments);
}
