using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>
/// The product's whole flow through its pages, each role in its own browser context on one app, one database and a
/// real chain: a patient consents, a curator builds and lists, a researcher buys, downloads and verifies, the patient
/// claims, and the compliance officer finds every step. Screenshots of each role's main page go to the test artifacts.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GoldenPathBrowserTests(BrowserSession browser, MarketChainWorld world) : IClassFixture<MarketChainWorld>
{
    private const string Title = "Golden path cohort";
    private static readonly TimeSpan ChainTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GoldenPath_ConsentBuildListBuyDownloadVerifyClaimAudit_EveryStepVisibleToItsRole()
    {
        var patient = await NewPatientAsync();
        var patientWallet = await WalletOfAsync(patient);
        await ConsentAsync(patient);

        var curator = await world.NewAccountAsync(Roles.Curator, "Cora Curator", wallet: false);
        var (datasetId, offerId) = await BuildAndListAsync(curator);
        Assert.Contains(patientWallet, (await world.Get<IDatasetStore>().PayoutsAsync(datasetId, default)).Select(l => l.Wallet));

        var researcher = await world.NewAccountAsync(Roles.Researcher, "Rey Researcher");
        await BuyDownloadAndVerifyAsync(researcher, offerId);

        await ClaimAsync(patient, offerId, patientWallet);
        await AuditAsync(patientWallet, datasetId, await WalletOfAsync(researcher));
    }

    private async Task<TestAccount> NewPatientAsync()
    {
        var linked = new HashSet<Guid>();
        foreach (var other in world.Patients) linked.UnionWith(await world.Get<IPatientDirectory>().PatientIdsAsync(other.Id, default));
        var record = (await world.Get<IPatientDirectory>().ListPatientsAsync("general", 100, default)).First(id => !linked.Contains(id));
        var patient = await world.NewAccountAsync(Roles.Patient, "Gale Golden");
        await world.Get<IPatientDirectory>().LinkAsync(record, patient.Id, default);
        return patient;
    }

    private async Task ConsentAsync(TestAccount patient)
    {
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("you allow no use of your records yet");
        await page.GetByRole(AriaRole.Switch, new() { Name = "Academic research" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my consent" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Save your consent?" }).GetByRole(AriaRole.Button, new() { Name = "Yes, save it" }).ClickAsync();
        await Expect(page.GetByTestId("consent-message")).ToContainTextAsync("Your consent is on the ledger", new() { Timeout = Ms(ChainTimeout) });
        await page.ScreenshotAsync("role-patient");
        Assert.Empty(errors);
    }

    private async Task<(Guid DatasetId, ulong OfferId)> BuildAndListAsync(TestAccount curator)
    {
        await world.IndexedAsync();
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(curator);
        await page.OpenAsync("/curator/build");
        foreach (var qi in DatasetPolicy.AllQuasiIdentifiers)
            await page.GetByTestId($"qi-{qi}").SetCheckedAsync(qi == "sex");
        await page.GetByTestId("policy-k").FillAsync("2");
        await page.GetByTestId("policy-suppression").FillAsync("50");
        await page.GetByLabel("Measurements to include (LOINC codes)").FillAsync("4548-4");
        await page.GetByTestId("dataset-title").FillAsync(Title);
        await page.GetByTestId("dataset-description").FillAsync("Every patient who allows academic research, with HbA1c.");
        await Expect(page.GetByTestId("count-consenting")).Not.ToBeEmptyAsync();
        await page.GetByTestId("dry-run").ClickAsync();
        await Expect(page.GetByTestId("dry-run-result")).ToContainTextAsync("consent at block", new() { Timeout = Ms(ChainTimeout) });
        await page.GetByTestId("start-build").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/curator", StringComparison.Ordinal));
        var row = page.Locator("[data-testid^=dataset-]").Filter(new() { HasText = Title });
        await Expect(row).ToContainTextAsync("(built)", new() { Timeout = Ms(ChainTimeout) });
        var datasetId = Guid.Parse((await row.GetAttributeAsync("data-testid"))!["dataset-".Length..]);
        await row.GetByTestId("list-price").FillAsync("10");
        await row.GetByTestId("list-offer").ClickAsync();
        await Expect(row.GetByTestId("reprice")).ToBeVisibleAsync(new() { Timeout = Ms(ChainTimeout) });
        await page.ScreenshotAsync("role-curator");
        Assert.Empty(errors);

        ulong? offerId = null;
        await Eventually.WaitAsync(async () => (offerId = (await world.Get<IDatasetStore>().FindAsync(datasetId, default))?.OfferId) is not null,
            "the dataset linked to its offer", ChainTimeout);
        await world.IndexedAsync();
        return (datasetId, offerId!.Value);
    }

    private async Task BuyDownloadAndVerifyAsync(TestAccount researcher, ulong offerId)
    {
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(researcher);
        await page.OpenAsync("/catalog");
        var card = page.GetByTestId("offer-card").Filter(new() { HasText = Title });
        await Expect(card).ToBeVisibleAsync();
        await page.ScreenshotAsync("role-researcher");

        await card.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("review-purchase").ClickAsync();
        await Expect(page.GetByTestId("cannot-buy")).ToBeVisibleAsync();
        await page.GetByTestId("faucet-mint").ClickAsync();
        await Expect(page.GetByTestId("confirm-purchase")).ToBeVisibleAsync(new() { Timeout = Ms(ChainTimeout) });
        await Expect(page.GetByTestId("quote-total")).ToContainTextAsync("10");
        await Expect(page.GetByTestId("quote-gas")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("confirm-purchase")).ToBeDisabledAsync();
        await page.GetByLabel($"I have read and accept the data use agreement for offer #{offerId}").CheckAsync();
        await page.GetByTestId("confirm-purchase").ClickAsync();
        await Expect(page.GetByTestId("licence-held")).ToBeVisibleAsync(new() { Timeout = Ms(ChainTimeout) });

        await page.OpenAsync("/licences");
        var licence = page.GetByTestId($"licence-{offerId}");
        var download = await page.RunAndWaitForDownloadAsync(() => licence.GetByRole(AriaRole.Link, new() { Name = "Download package (.zip)" }).ClickAsync());
        var copy = Path.Combine(Path.GetTempPath(), $"golden-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(copy);
        await licence.GetByLabel("Check a copy you have:").SetInputFilesAsync(copy);
        await Expect(licence.GetByTestId("integrity-result")).ToContainTextAsync("Intact", new() { Timeout = Ms(ChainTimeout) });
        await licence.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Expect(licence.GetByTestId("integrity-result")).ToContainTextAsync("Intact", new() { Timeout = Ms(ChainTimeout) });
        await page.ScreenshotAsync("role-researcher-licences");
        File.Delete(copy);
        Assert.Empty(errors);
    }

    private async Task ClaimAsync(TestAccount patient, ulong offerId, EthAddress wallet)
    {
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await page.OpenAsync("/patient/datasets");
        var row = page.GetByTestId("earning").Filter(new() { HasText = $"#{offerId}" });
        await Expect(row.GetByTestId("claimable")).Not.ToHaveTextAsync("0 TUSD", new() { Timeout = Ms(ChainTimeout) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim all" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Claim all your earnings?" }).GetByRole(AriaRole.Button, new() { Name = "Yes, claim it" }).ClickAsync();
        await Expect(page.GetByTestId("earnings-message")).ToContainTextAsync("Claimed", new() { Timeout = Ms(ChainTimeout) });
        await Expect(row.GetByTestId("claimable")).ToHaveTextAsync("0 TUSD");
        await page.ScreenshotAsync("role-patient-earnings");
        var marketplace = world.Chain.Contract(ContractArtifacts.DataMarketplace);
        Assert.True(await marketplace.CallAsync<BigInteger>("claimedBy", new BigInteger(offerId), wallet) > 0);
        Assert.Empty(errors);
    }

    private async Task AuditAsync(EthAddress patientWallet, Guid datasetId, EthAddress researcherWallet)
    {
        await world.IndexedAsync();
        var compliance = await world.NewAccountAsync(Roles.Compliance, "Cam Compliance", wallet: false);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(compliance);
        await page.OpenAsync("/compliance");
        await page.GetByTestId("trail-patient").FillAsync(PatientKey.Of(patientWallet));
        await page.GetByTestId("trail-apply").ClickAsync();
        var rows = page.GetByTestId("trail-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Academic research");
        await page.ScreenshotAsync("role-compliance");

        await page.OpenAsync($"/compliance/datasets/{datasetId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(page.GetByTestId("provenance-purchases")).ToContainTextAsync(researcherWallet.ToString());
        await Expect(page.GetByTestId("provenance-downloads").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await page.GetByTestId("verify-dataset").ClickAsync();
        await Expect(page.GetByTestId("integrity-result")).ToContainTextAsync("Intact", new() { Timeout = Ms(ChainTimeout) });
        await page.ScreenshotAsync("role-compliance-provenance");
        Assert.Empty(errors);
    }

    private async Task<EthAddress> WalletOfAsync(TestAccount account) =>
        (await world.Get<IWalletRepository>().FindByAccountAsync(account.Id, default))!.Address;

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;
}
