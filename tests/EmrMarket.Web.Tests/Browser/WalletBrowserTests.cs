using System.Text;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>Linking a wallet with Sign-In with Ethereum: a signature pasted from elsewhere, and a browser wallet (EIP-1193).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WalletBrowserTests(BrowserSession browser, ChainWorld world) : IClassFixture<ChainWorld>
{
    [Fact]
    public async Task LinkWallet_SignatureMadeElsewherePasted_LinksThatWallet()
    {
        var patient = await world.NewAccountAsync(Roles.Patient);
        var custodial = (await world.Get<IWalletRepository>().FindByAccountAsync(patient.Id, default))!.Address;
        var key = PrivateKey.Generate();
        var (page, errors) = await OpenWalletPageAsync(patient);
        await Expect(page.GetByTestId("wallet-address")).ToHaveTextAsync(custodial.ToString());

        var message = await CreateMessageAsync(page, key.Address);
        await page.GetByLabel("Or paste the signature made elsewhere").FillAsync(key.SignMessage(Encoding.UTF8.GetBytes(message)).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Link this wallet" }).ClickAsync();

        await Expect(page.GetByTestId("wallet-status")).ToContainTextAsync("is now linked");
        await Expect(page.GetByTestId("wallet-address")).ToHaveTextAsync(key.Address.ToString());
        var stored = await world.Get<IWalletRepository>().FindByAccountAsync(patient.Id, default);
        Assert.Equal((WalletKind.External, key.Address), (stored!.Kind, stored.Address));
        Assert.StartsWith($"{new Uri(world.App.BaseUrl).Authority} wants you to sign in with your Ethereum account:\n{key.Address}\n", message);
        await page.ScreenshotAsync("patient-wallet");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task LinkWallet_SignedByAnotherKey_RefusedWithTheSignerNamed()
    {
        var patient = await world.NewAccountAsync(Roles.Patient);
        var (key, stranger) = (PrivateKey.Generate(), PrivateKey.Generate());
        var (page, errors) = await OpenWalletPageAsync(patient);

        var message = await CreateMessageAsync(page, key.Address);
        await page.GetByLabel("Or paste the signature made elsewhere").FillAsync(stranger.SignMessage(Encoding.UTF8.GetBytes(message)).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Link this wallet" }).ClickAsync();

        var status = page.GetByTestId("wallet-status");
        await Expect(status).ToContainTextAsync($"The signature was made by {stranger.Address}, not {key.Address}.");
        await Expect(status).ToHaveAttributeAsync("role", "alert");
        Assert.Equal(WalletKind.Custodial, (await world.Get<IWalletRepository>().FindByAccountAsync(patient.Id, default))!.Kind);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task LinkWallet_BrowserWallet_SharesItsAddressAndSignsWithPersonalSign()
    {
        var researcher = await world.NewAccountAsync(Roles.Researcher);
        var key = PrivateKey.Generate();
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.ExposeFunctionAsync("emrTestPersonalSign", (string hex, string address) =>
            EthAddress.Parse(address) == key.Address ? key.SignMessage(Hex.Decode(hex)).ToString() : "wrong address");
        await page.AddInitScriptAsync(FakeWallet(key.Address, "return await window.emrTestPersonalSign(params[0], params[1]);"));
        await page.SignInAsync(researcher, "/account/wallet");

        await page.GetByRole(AriaRole.Button, new() { Name = "Use my browser wallet's address" }).ClickAsync();
        await Expect(page.GetByLabel("Your wallet's address")).ToHaveValueAsync(key.Address.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the message to sign" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign with my browser wallet" }).ClickAsync();

        await Expect(page.GetByTestId("wallet-status")).ToContainTextAsync("is now linked");
        Assert.Equal(key.Address, (await world.Get<IWalletRepository>().FindByAccountAsync(researcher.Id, default))!.Address);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task LinkWallet_BrowserWalletRefusesToSign_ShowsTheWalletsReason()
    {
        var patient = await world.NewAccountAsync(Roles.Patient);
        var key = PrivateKey.Generate();
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.AddInitScriptAsync(FakeWallet(key.Address, "throw { code: 4001, message: 'User rejected the request.' };"));
        await page.SignInAsync(patient);
        await page.OpenAsync("/account/wallet");

        await CreateMessageAsync(page, key.Address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign with my browser wallet" }).ClickAsync();

        await Expect(page.GetByTestId("wallet-status")).ToHaveTextAsync("Your wallet did not sign: User rejected the request.");
        Assert.Empty(errors);
    }

    private async Task<(IPage Page, List<string> Errors)> OpenWalletPageAsync(TestAccount account)
    {
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(account);
        await page.OpenAsync("/account/wallet");
        return (page, errors);
    }

    private static async Task<string> CreateMessageAsync(IPage page, EthAddress address)
    {
        await page.GetByLabel("Your wallet's address").FillAsync(address.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the message to sign" }).ClickAsync();
        return (await page.GetByTestId("siwe-message").TextContentAsync())!;
    }

    /// <summary>An EIP-1193 provider standing in for a wallet extension: it shares one account and answers personal_sign with <paramref name="sign"/>.</summary>
    private static string FakeWallet(EthAddress address, string sign) => $$"""
        window.ethereum = {
          request: async ({ method, params }) => {
            if (method === 'eth_requestAccounts') return ['{{address}}'];
            if (method === 'personal_sign') { {{sign}} }
            throw { code: 4200, message: 'unsupported ' + method };
          },
        };
        """;
}
