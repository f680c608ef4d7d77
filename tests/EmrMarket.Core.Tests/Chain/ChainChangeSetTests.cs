using EmrMarket.Core.Chain.Events;

namespace EmrMarket.Core.Tests.Chain;

public sealed class ChainChangeSetTests
{
    [Fact]
    public void FromPayload_OfToPayload_SameChanges()
    {
        var changes = new ChainChangeSet([new(ChangeKind.Consent, "0xab"), new(ChangeKind.Offer, "7"), new(ChangeKind.Reset, null)], 42);

        var read = ChainChangeSet.FromPayload(changes.ToPayload());

        Assert.Equal(changes.Changes, read.Changes);
        Assert.Equal(42ul, read.IndexedBlock);
    }

    [Fact]
    public void ToPayload_TooManyKeys_CollapsesToKindsThatStillAffectEveryKey()
    {
        var many = new ChainChangeSet(Enumerable.Range(0, 500).Select(i => new ChainChange(ChangeKind.Consent, $"0x{i:x40}")).ToList(), 9);

        var payload = many.ToPayload();
        var read = ChainChangeSet.FromPayload(payload);

        Assert.True(payload.Length <= ChainChangeSet.MaxPayloadLength);
        Assert.Equal([new ChainChange(ChangeKind.Consent, null)], read.Changes);
        Assert.True(read.Affects(ChangeKind.Consent, $"0x{123:x40}"));
        Assert.False(read.Affects(ChangeKind.Offer, "1"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"c\":[{\"k\":\"NoSuchKind\"}]}")]
    public void FromPayload_Unreadable_MeansAnythingMayHaveChanged(string payload) =>
        Assert.True(ChainChangeSet.FromPayload(payload).Affects(ChangeKind.Offer, "1"));

    [Fact]
    public void Affects_KeyComparison_IgnoresHexCase() =>
        Assert.True(new ChainChange(ChangeKind.Consent, "0xABcd").Affects(ChangeKind.Consent, "0xabcd"));
}
