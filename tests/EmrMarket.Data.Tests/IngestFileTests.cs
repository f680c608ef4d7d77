using System.Text.Json.Nodes;

namespace EmrMarket.Data.Tests;

/// <summary>Tests that ingest generated bundles and files derived from them, each test in a database of its own.</summary>
public abstract class IngestFileTests(ulong seed, int patients) : IAsyncLifetime
{
    protected IngestHarness Harness { get; } = new();

    protected GeneratedBundles Bundles { get; } = new(seed, patients);

    public async Task InitializeAsync()
    {
        await Harness.InitializeAsync();
        await Bundles.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Bundles.DisposeAsync();
    }

    protected string Good(int i) => Bundles.Good(i);

    protected JsonObject Load(int i) => Bundles.Load(i);
}
