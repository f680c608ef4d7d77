using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Core.Revocation;
using EmrMarket.Data.Chain;
using EmrMarket.Data.Tests.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Marketplace;

/// <summary>
/// The proof that the parts make a marketplace (issue 7): ingest, consent, build, list, buy, download and verify, claim,
/// revoke and expire, and the read models rebuilt from the chain alone, on PostgreSQL and a private anvil.
/// </summary>
public sealed class MarketplaceProofTests(ProofWorld world) : IClassFixture<ProofWorld>
{
    private static readonly BigInteger Price = 20_000_000;

    [Fact]
    public async Task Marketplace_EndToEnd_BuyersGetVerifiablePackagesPatientsGetPaidAndRevokersLeaveLaterSales()
    {
        var app = await world.StartMarketAsync();
        try
        {
            // Everyone consents to academic research; three will expire an hour from now.
            var consents = app.Get<ConsentService>();
            var expiry = DateTimeOffset.UtcNow.AddHours(1);
            var expiring = world.Patients.Take(3).ToList();
            foreach (var (account, _) in world.Patients)
                await consents.GrantAsync(account, Purpose.AcademicResearch, expiring.Any(p => p.Account == account) ? expiry : null, default);
            await world.ConsentIndexedAsync(app, world.Patients.Select(p => p.Wallet), Purpose.AcademicResearch);
            await world.IndexedAsync(app);

            var curator = await world.NewAccountAsync(Roles.Curator);
            var build = await app.Get<DatasetBuilder>().BuildAsync(new DatasetRequest("Proof cohort", "everyone who consented", new CohortDefinition(),
                (ulong)Purpose.AcademicResearch, new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, SuppressionLimit = 0.5 },
                ["4548-4", "2339-0"], "curator@example.test"), default);
            await app.Get<OfferService>().ListAsync(curator, new ListingRequest(build.Dataset.Id, Price), default);
            var first = await ListedOfferAsync(app, build.Dataset.Id);
            var included = await world.PayoutWalletsAsync(app, first);
            Assert.Contains(included, w => expiring.Any(p => p.Wallet == w));

            // A researcher buys, downloads through the licence check and verifies the package against the chain.
            var (buyer, _) = await world.ResearcherAsync(app, 100m);
            await world.BuyAsync(app, buyer, first, Price);
            var package = await ProofWorld.DownloadAsync(app, buyer, first);
            var verification = await app.Get<PackageCheck>().VerifyAsync(first, new MemoryStream(package), default);
            Assert.True(verification.Passed, string.Join("; ", verification.Checks.Where(c => !c.Passed).Select(c => c.Detail)));
            var (stranger, _) = await world.ResearcherAsync(app, 0m);
            await Assert.ThrowsAsync<DeliveryException>(() => ProofWorld.DownloadAsync(app, stranger, first));

            // The published payout tree, rebuilt by OpenZeppelin's library, gives the offer's root on chain.
            var published = await app.Get<PayoutService>().PayoutTreeAsync(first, default);
            var onChain = (object?[])(await world.At(ContractArtifacts.DataMarketplace).CallAsync("offer", [new BigInteger(first)]))[0]!;
            Assert.Equal(AbiValues.Hash(onChain[2]).ToString(), await OpenZeppelinRootAsync(published));

            // A patient in the dataset claims; the relayer pays the gas and the contract pays their share.
            var claimant = world.Patients.First(p => included.Contains(p.Wallet) && !expiring.Contains(p));
            var leaf = published.Leaves.Single(l => l.Wallet == claimant.Wallet);
            var claim = await app.Get<PayoutService>().ClaimAllAsync(claimant.Account, default);
            Assert.Equal(OutboxStatus.Confirmed, (await app.Get<IOutbox>().WaitAsync(claim.Write.OutboxId, default)).Status);
            var pool = Price - Price * 250 / 10_000;
            Assert.Equal(pool * leaf.Weight / published.TotalWeight,
                await world.At(ContractArtifacts.TestDollar).CallAsync<BigInteger>("balanceOf", claimant.Wallet));

            // Some revoke; the expiring consents run out (the chain's clock moves two hours).
            var revoking = world.Patients.Where(p => included.Contains(p.Wallet) && !expiring.Contains(p) && p != claimant).Take(2).ToList();
            await world.Anvil.Rpc.CallAsync("evm_increaseTime", [7200]);
            await world.Anvil.MineAsync();
            foreach (var (account, _) in revoking) await consents.RevokeAllAsync(account, default);
            var revokedAt = await world.ConsentIndexedAsync(app, revoking.Select(p => p.Wallet), Purpose.None);
            var gone = revoking.Concat(expiring).Select(p => p.Wallet).ToHashSet();

            // The worker pauses the offer, rebuilds without them and relists; a second researcher buys the new version.
            var current = await ReplacementAsync(app, first);
            Assert.NotEqual(first, current);
            Assert.DoesNotContain(await world.PayoutWalletsAsync(app, current), gone.Contains);
            Assert.Equal(OfferStatus.Delisted, (await app.Get<IMarketReadModel>().OfferAsync(first, default))!.Status);
            var (later, _) = await world.ResearcherAsync(app, 100m);
            await world.BuyAsync(app, later, current, Price);
            var second = await ProofWorld.DownloadAsync(app, later, current);
            Assert.True((await app.Get<PackageCheck>().VerifyAsync(current, new MemoryStream(second), default)).Passed);
            Assert.True(await app.Get<LicenceCheck>().HoldsAsync((await WalletAsync(app, buyer)), first, default), "the first licence stays valid");

            // Nothing sold after the revocation holds a revoked or expired patient.
            var market = app.Get<IMarketReadModel>();
            var soldAfter = new List<BigInteger>();
            foreach (var offer in await market.OffersAsync(null, default))
                soldAfter.AddRange((await market.PurchasesOfOfferAsync(offer.OfferId, default)).Where(p => p.At.BlockNumber > revokedAt).Select(p => p.OfferId));
            Assert.NotEmpty(soldAfter);
            foreach (var offerId in soldAfter)
                Assert.DoesNotContain(await world.PayoutWalletsAsync(app, (ulong)offerId), gone.Contains);
        }
        finally
        {
            await app.DisposeAsync();
        }

        // The read models, rebuilt from the deployment block with `emr reindex`'s use case, equal what was indexed live.
        await using var quiet = await world.StartMarketAsync(workers: false);
        var live = await ReadModelDump.TakeAsync(world.DataSource);
        var result = await quiet.Get<ChainReindexer>().ReindexAsync(default);
        var rebuilt = await ReadModelDump.TakeAsync(world.DataSource);
        Assert.NotNull(result.ToBlock);
        foreach (var table in ChainIndexStore.Tables.Where(t => t != "chain_blocks"))
            Assert.Equal(live[table], rebuilt[table]);
        Assert.NotEqual("", rebuilt["chain_claims"]);
    }

    [Fact]
    public async Task Claim_ProofOfAnotherWeight_RevertsOnChainAsInvalidProof()
    {
        var patients = world.Patients.Take(4).ToList();
        var tree = PayoutTree.FromWeights(patients.Select(p => (p.Wallet, (BigInteger)(p == patients[0] ? 3 : 1))));
        var marketplace = world.At(ContractArtifacts.DataMarketplace);
        var terms = new OfferTerms(Keccak256.Hash("manifest"), Keccak256.Hash("rows"), tree.Root, tree.TotalWeight, (ulong)Purpose.PublicHealth,
            world.Chain.Address(ContractArtifacts.TestDollar), Price, 0, 0);
        var listed = await new TransactionSender(world.Chain.Rpc, world.Chain.Curator, world.Chain.ChainId).SendAndWaitAsync(
            marketplace.Transaction("listOffer", terms.ToAbi(), BigInteger.Zero));
        var offerId = (BigInteger)marketplace.Abi.Event("OfferListed").Decode(listed.Logs.First(l => l.Address == marketplace.Address))["offerId"]!;
        var claimant = patients[0].Wallet;
        var proof = tree.ProofOf(tree.IndexOf(claimant)).Select(h => h.ToArray()).ToArray();

        // The leaf is (claimant, 3): its proof does not prove (claimant, 4).
        var revert = await Assert.ThrowsAsync<ContractRevertException>(() =>
            marketplace.CallAsync("claim", [claimant, new object?[] { new object?[] { offerId, new BigInteger(4), proof } }]));

        Assert.Equal("DataMarketplaceInvalidProof", revert.Reason.ErrorName);
        Assert.Equal(offerId, (BigInteger)revert.Reason.Arguments[0]!);
    }

    [Fact]
    public async Task ClaimAll_ResearcherAccount_RefusedAsNotAPatient()
    {
        await using var app = await world.StartMarketAsync(workers: false);
        var researcher = await world.NewAccountAsync(Roles.Researcher);

        var refused = await Assert.ThrowsAsync<MarketException>(() => app.Get<PayoutService>().ClaimAllAsync(researcher, default));

        Assert.Contains("only a patient", refused.Message);
    }

    private static async Task<EthAddress> WalletAsync(ChainApp app, Guid account) =>
        (await app.Get<Core.Wallets.IWalletRepository>().FindByAccountAsync(account, default))!.Address;

    private async Task<ulong> ListedOfferAsync(ChainApp app, Guid datasetId)
    {
        ulong? offerId = null;
        await Eventually.WaitAsync(async () => (offerId = (await app.Get<IDatasetStore>().FindAsync(datasetId, default))!.OfferId) is not null
            && (await app.Get<IMarketReadModel>().OfferAsync(offerId.Value, default))?.Status == OfferStatus.Active, $"dataset {datasetId} listed");
        return offerId!.Value;
    }

    /// <summary>Follows the revocation cases from <paramref name="offerId"/> to the offer that now sells its data, once no case is open.</summary>
    private static async Task<ulong> ReplacementAsync(ChainApp app, ulong offerId)
    {
        var current = offerId;
        await Eventually.WaitAsync(async () =>
        {
            var cases = (await app.Get<IRevocationStore>().CasesAsync(includeFinished: true, default)).ToDictionary(c => c.OfferId);
            current = offerId;
            while (cases.TryGetValue(current, out var c) && c is { Status: RevocationCaseStatus.Done, NewOfferId: { } next }) current = next;
            return current != offerId && !cases.ContainsKey(current)
                && (await app.Get<IMarketReadModel>().OfferAsync(current, default))?.Status == OfferStatus.Active;
        }, $"offer {offerId} replaced without the revoked patients", TimeSpan.FromSeconds(90));
        return current;
    }

    private async Task<string> OpenZeppelinRootAsync(PublishedPayoutTree tree)
    {
        var json = Path.Combine(world.Folder, $"payout-{tree.OfferId}.json");
        var script = Path.Combine(world.Folder, "payout-root.mjs");
        await File.WriteAllTextAsync(json, tree.ToJson());
        await File.WriteAllTextAsync(script, $$"""
            import { StandardMerkleTree } from '{{Path.Combine(RepoPaths.Contracts, "node_modules", "@openzeppelin", "merkle-tree", "dist", "index.js")}}';
            import { readFileSync } from 'node:fs';
            const tree = JSON.parse(readFileSync(process.argv[2], 'utf8'));
            console.log(StandardMerkleTree.of(tree.values, tree.leafEncoding).root);
            """);
        var result = await ProcessRunner.RunAsync("node", [script, json]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim();
    }
}
