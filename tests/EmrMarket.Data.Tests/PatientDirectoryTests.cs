using EmrMarket.Core.Accounts;
using EmrMarket.Data.Accounts;
using EmrMarket.Data.Memberships;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Data.Tests;

public sealed class PatientDirectoryTests : IAsyncLifetime
{
    private readonly IngestHarness _harness = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-directory-").FullName;

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 7, Patients = 3 });
        await _harness.IngestAsync(_folder);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private PatientDirectory Directory_() => new(_harness.DataSource, _harness.Patients());

    [Fact]
    public async Task HoldingsAsync_TwoPatients_EachAccountSeesOnlyItsOwnRecords()
    {
        var directory = Directory_();
        var ids = await directory.ListPatientsAsync(_harness.Provider.Code, 2, default);
        var first = await NewAccountAsync();
        var second = await NewAccountAsync();
        Assert.True(await directory.LinkAsync(ids[0], first, default));
        Assert.True(await directory.LinkAsync(ids[1], second, default));

        var mine = await directory.HoldingsAsync(first, default);
        var theirs = await directory.HoldingsAsync(second, default);

        Assert.Equal(mine.TotalRecords, await _harness.CountAsync("select count(*) from records where patient_id = @id and current", new { id = ids[0] }));
        Assert.Equal(theirs.TotalRecords, await _harness.CountAsync("select count(*) from records where patient_id = @id and current", new { id = ids[1] }));
        Assert.NotEqual(mine.Name, theirs.Name);
        Assert.False(string.IsNullOrWhiteSpace(mine.Name));
        Assert.Equal("General Hospital", Assert.Single(mine.Providers).ProviderName);
    }

    [Fact]
    public async Task LinkAsync_PatientOfAnotherAccount_IsRefused()
    {
        var directory = Directory_();
        var patient = (await directory.ListPatientsAsync(_harness.Provider.Code, 3, default))[2];
        var owner = await NewAccountAsync();
        Assert.True(await directory.LinkAsync(patient, owner, default));

        Assert.False(await directory.LinkAsync(patient, await NewAccountAsync(), default));
        Assert.Equal([patient], await directory.PatientIdsAsync(owner, default));
    }

    [Fact]
    public async Task HoldingsAsync_NoLinkedRecords_IsEmpty()
    {
        var holdings = await Directory_().HoldingsAsync(await NewAccountAsync(), default);

        Assert.Empty(holdings.Providers);
        Assert.Null(holdings.Name);
    }

    private async Task<Guid> NewAccountAsync() =>
        (await new AccountService(new AccountRepository(_harness.DataSource), TimeProvider.System)
            .RegisterAsync($"p-{Guid.NewGuid():N}@example.test", "P", "long enough password", [Roles.Patient], default)).Id;
}
