using EmrMarket.Core.Accounts;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>A patient changes their consent on their page; the relayer, anvil and the indexer do the rest, live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserSession browser, ChainWorld world) : IClassFixture<ChainWorld>
{
    [Fact]
    public async Task Consent_GrantedWithTheKeyboard_ConfirmedOnTheLedgerWithItsTransaction()
    {
        var patient = await world.NewAccountAsync(Roles.Patient, "Pat Keyboard");
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/patient$"));
        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("you allow no use of your records yet");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Academic research" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Switch, new() { Name = "Public health" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Until (optional)").FillAsync(DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my consent" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Save your consent?" });
        await Expect(dialog).ToContainTextAsync("Data already sold cannot be recalled");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, save it" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("consent-message")).ToContainTextAsync("Your consent is on the ledger", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("Academic research");
        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("Public health");
        var wallet = (await world.Get<IWalletRepository>().FindByAccountAsync(patient.Id, default))!.Address;
        var onChain = await world.Get<IConsentReadModel>().CurrentAsync(wallet, default);
        Assert.Equal(Purpose.AcademicResearch | Purpose.PublicHealth, onChain!.Purposes);
        await page.ScreenshotAsync("patient-home");

        await page.GetByTestId("consent-history").GetByTestId("tx-link").ClickAsync();
        await Expect(page.GetByTestId("tx-hash")).ToHaveTextAsync(onChain.At.TransactionHash.ToString());
        await Expect(page.GetByTestId("tx-result")).ToHaveTextAsync("succeeded");
        await Expect(page.GetByTestId("tx-event").Filter(new() { HasText = "ConsentChanged" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Consent_WithdrawEverything_AskedFirstThenRecordedInTheHistory()
    {
        var patient = await world.NewAccountAsync(Roles.Patient);
        await GrantAndWaitAsync(patient, Purpose.ClinicalTrials);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);
        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("Clinical trials");

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw everything" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Withdraw all consent?" });
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw everything" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, withdraw everything" }).ClickAsync();

        await Expect(page.GetByTestId("consent-current")).ToContainTextAsync("you withdrew everything", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("consent-history").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("consent-history").Locator("tbody tr").First).ToContainTextAsync("nothing (all withdrawn)");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Consent_OwnWallet_SignedInTheBrowserWalletAndRelayed()
    {
        var patient = await world.NewAccountAsync(Roles.Patient, wallet: false);
        var key = PrivateKey.Generate();
        await world.Get<IWalletRepository>().LinkExternalAsync(patient.Id, key.Address, default);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.ExposeFunctionAsync("emrTestSignTypedData", (string address, string json) =>
            EthAddress.Parse(address) == key.Address ? key.SignTypedData(TypedData.FromJson(json)).ToString() : "wrong address");
        await page.AddInitScriptAsync("""
            window.ethereum = { request: async ({ method, params }) => {
              if (method === 'eth_signTypedData_v4') return await window.emrTestSignTypedData(params[0], params[1]);
              throw { code: 4200, message: 'unsupported ' + method };
            } };
            """);
        await page.SignInAsync(patient);

        await page.GetByRole(AriaRole.Switch, new() { Name = "Genetic studies" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my consent" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save it" }).ClickAsync();
        await Expect(page.GetByTestId("consent-typed-data")).ToContainTextAsync(key.Address.ToString(), new() { IgnoreCase = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in my browser wallet" }).ClickAsync();

        await Expect(page.GetByTestId("consent-message")).ToContainTextAsync("Your consent is on the ledger", new() { Timeout = 30_000 });
        Assert.Equal(Purpose.GeneticStudies, (await world.Get<IConsentReadModel>().CurrentAsync(key.Address, default))!.Purposes);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Consent_OwnWalletSignatureByAnotherKeyPasted_RefusedAndNothingQueued()
    {
        var patient = await world.NewAccountAsync(Roles.Patient, wallet: false);
        var key = PrivateKey.Generate();
        await world.Get<IWalletRepository>().LinkExternalAsync(patient.Id, key.Address, default);
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(patient);

        await page.GetByRole(AriaRole.Switch, new() { Name = "AI / ML training" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my consent" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, save it" }).ClickAsync();
        var json = await page.GetByTestId("consent-typed-data").TextContentAsync();
        await page.GetByLabel("Or paste the signature made elsewhere").FillAsync(PrivateKey.Generate().SignTypedData(TypedData.FromJson(json!)).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the signature" }).ClickAsync();

        await Expect(page.GetByTestId("consent-message")).ToContainTextAsync($"not by your wallet {key.Address}");
        Assert.Null((await world.Get<ConsentService>().GetViewAsync(patient.Id, default)).Pending);
        Assert.Empty(errors);
    }

    private async Task GrantAndWaitAsync(TestAccount patient, Purpose purposes)
    {
        var request = await world.Get<ConsentService>().GrantAsync(patient.Id, purposes, null, default);
        await EmrMarket.Testing.Eventually.WaitAsync(async () => (await world.Get<IConsentRequestStore>().GetAsync(request.Id, default))!.Status
            == ConsentRequestStatus.Confirmed, "the consent confirmed");
    }
}
