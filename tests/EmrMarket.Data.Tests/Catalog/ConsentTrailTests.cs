using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Catalog;

/// <summary>The paged consent trail against a LINQ reading of the same 3,000 generated changes.</summary>
public sealed class ConsentTrailTests(ConsentTrailTests.World world) : IClassFixture<ConsentTrailTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public MigratedDatabase Database { get; } = new();
        public IReadOnlyList<MarketRows.Consent> Changes { get; private set; } = [];
        public ConsentTrailRepository Trail { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            var dataSource = Database.CreateDataSource();
            Changes = MarketRows.GenerateConsents(3000, patients: 200, seed: 3);
            await MarketRows.CopyConsentsAsync(dataSource, Changes, default);
            Trail = new ConsentTrailRepository(dataSource);
        }

        public Task DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>Each change with the purposes its patient had before it, newest first.</summary>
    private IEnumerable<(MarketRows.Consent Change, ulong Previous)> Expected() => world.Changes
        .GroupBy(c => c.Patient)
        .SelectMany(g => g.OrderBy(c => c.Version).Select((c, i) => (c, i == 0 ? 0UL : g.OrderBy(x => x.Version).ElementAt(i - 1).Purposes)))
        .OrderByDescending(x => x.c.Block).ThenByDescending(x => x.c.LogIndex);

    private async Task<List<ConsentTrailEntry>> AllPagesAsync(ConsentTrailFilter filter)
    {
        var entries = new List<ConsentTrailEntry>();
        for (TrailPosition? next = null; ;)
        {
            var page = await world.Trail.PageAsync(filter with { Before = next, PageSize = 97 }, default);
            entries.AddRange(page.Entries);
            if (page.Next is null) return entries;
            next = page.Next;
        }
    }

    private static string Key(MarketRows.Consent c, ulong previous) => $"{c.Block}/{c.LogIndex}/{c.Patient.ToLowerHex()}/{c.Purposes}/{previous}";

    private static string Key(ConsentTrailEntry e) =>
        $"{e.State.At.BlockNumber}/{e.State.At.LogIndex}/{e.State.Patient.ToLowerHex()}/{(ulong)e.State.Purposes}/{(ulong)e.Previous}";

    [Fact]
    public async Task PageAsync_NoFilter_WalksEveryChangeOnceNewestFirstWithItsPreviousConsent()
    {
        var entries = await AllPagesAsync(new ConsentTrailFilter());

        Assert.Equal(Expected().Select(x => Key(x.Change, x.Previous)), entries.Select(Key));
    }

    [Theory]
    [InlineData(ConsentChangeKind.Grant)]
    [InlineData(ConsentChangeKind.Revoke)]
    public async Task PageAsync_ChangeKind_KeepsGrantsOrRevocations(ConsentChangeKind kind)
    {
        var entries = await AllPagesAsync(new ConsentTrailFilter(Change: kind, Purpose: Purpose.ClinicalTrials));

        var expected = Expected().Where(x => ((x.Change.Purposes | x.Previous) & 4) != 0)
            .Where(x => kind == ConsentChangeKind.Grant ? (x.Change.Purposes & ~x.Previous) != 0 : (x.Previous & ~x.Change.Purposes) != 0)
            .Select(x => Key(x.Change, x.Previous)).ToList();
        Assert.True(expected.Count > 100);
        Assert.Equal(expected, entries.Select(Key));
        Assert.All(entries, e => Assert.True(kind == ConsentChangeKind.Grant ? e.Granted != Purpose.None : e.Revoked != Purpose.None));
    }

    [Fact]
    public async Task PageAsync_PatientPrefixAndTimeWindow_NarrowTheTrail()
    {
        var patient = world.Changes[1234].Patient.ToLowerHex();
        var from = MarketRows.Epoch.AddSeconds(2 * 10);
        var to = MarketRows.Epoch.AddSeconds(2 * 50);

        var byPrefix = await AllPagesAsync(new ConsentTrailFilter(Patient: patient[..8].ToUpperInvariant().Replace("0X", "0x")));
        var byAddress = await AllPagesAsync(new ConsentTrailFilter(Patient: patient));
        var byTime = await AllPagesAsync(new ConsentTrailFilter(From: from, To: to));

        Assert.Equal(Expected().Where(x => x.Change.Patient.ToLowerHex().StartsWith(patient[..8], StringComparison.Ordinal)).Select(x => Key(x.Change, x.Previous)), byPrefix.Select(Key));
        Assert.Equal(Expected().Where(x => x.Change.Patient.ToLowerHex() == patient).Select(x => Key(x.Change, x.Previous)), byAddress.Select(Key));
        Assert.Equal(Expected().Where(x => x.Change.At >= from && x.Change.At < to).Select(x => Key(x.Change, x.Previous)), byTime.Select(Key));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("0x12")]
    [InlineData("0xzzzzzz")]
    public async Task PageAsync_PatientNotAnAddress_IsRefusedNamingIt(string text)
    {
        var error = await Assert.ThrowsAsync<ConsentException>(() => world.Trail.PageAsync(new ConsentTrailFilter(Patient: text), default));

        Assert.Contains(text, error.Message);
    }
}
