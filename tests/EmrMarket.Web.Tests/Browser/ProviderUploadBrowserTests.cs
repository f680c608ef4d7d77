using EmrMarket.Core.Accounts;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Providers;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>A provider uploads files in the browser: progress while read, then per file accepted, unchanged or rejected with why.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProviderUploadBrowserTests(BrowserSession browser, ChainWorld world) : IClassFixture<ChainWorld>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-upload-").FullName;

    [Fact]
    public async Task Upload_GoodBadAndWrongKindOfFile_EachGetsItsOwnOutcomeAndTheGoodOneIsStored()
    {
        var provider = await ProviderAsync();
        await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 3, Patients = 1, Format = FhirFormat.Bundle });
        var good = Directory.GetFiles(_folder, "*.json").Single();
        var bad = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(bad, """{"resourceType": "Bundle", "type": "transaction", "entry": [ {"resource": """);
        var notes = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(notes, "not FHIR");
        var (page, errors) = await browser.NewPageAsync(world.App.BaseUrl);
        await page.SignInAsync(provider);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/provider$"));

        await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync([good, bad, notes]);
        var files = page.GetByTestId("upload-file");
        await Expect(files).ToHaveCountAsync(3);
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = $"{Path.GetFileName(good)} read" })).ToBeVisibleAsync();
        await Expect(files.Filter(new() { HasText = "notes.txt" }).GetByTestId("upload-outcome")).ToHaveTextAsync("skipped: not a .json Bundle or .ndjson file");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Expect(page.GetByTestId("upload-result")).ToContainTextAsync("1 accepted, 0 unchanged (already stored), 1 rejected", new() { Timeout = 30_000 });
        await Expect(files.Filter(new() { HasText = Path.GetFileName(good) }).GetByTestId("upload-outcome")).ToContainTextAsync("accepted:");
        var rejected = files.Filter(new() { HasText = "broken.json" }).GetByTestId("upload-outcome");
        await Expect(rejected).ToContainTextAsync("rejected, nothing of it stored:");
        var reason = await rejected.TextContentAsync();
        Assert.DoesNotContain("Exception", reason);
        Assert.DoesNotContain("   at ", reason);
        await page.ScreenshotAsync("provider-upload");
        Assert.Single(await world.Get<IPatientDirectory>().ListPatientsAsync("uploads", 10, default));

        await page.GetByLabel("Files", new() { Exact = true }).SetInputFilesAsync([good]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(files.First.GetByTestId("upload-outcome")).ToContainTextAsync("unchanged: all", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }

    private async Task<TestAccount> ProviderAsync()
    {
        var account = await world.NewAccountAsync(Roles.Provider, wallet: false);
        await world.Get<IIngestStore>().CreateProviderAsync("uploads", "Uploads Hospital", default);
        await world.Get<IProviderMembers>().AddAsync(account.Id, "uploads", default);
        return account;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
