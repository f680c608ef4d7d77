using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>
/// Drives every contract event the indexer reads, straight through the contracts (no outbox): consents set directly
/// and in a signed batch with one forged signature, an anchor, an offer listed, repriced, paused and unpaused, a
/// purchase, and a claim from the payout tree.
/// </summary>
public sealed class MarketScenario(DeployedChain chain)
{
    public const long Price = 1_000_000;

    public PrivateKey PatientA { get; } = PrivateKey.Generate();
    public PrivateKey PatientB { get; } = PrivateKey.Generate();
    public PrivateKey PatientC { get; } = PrivateKey.Generate();
    public PrivateKey Forger { get; } = PrivateKey.Generate();
    public PrivateKey Buyer { get; } = PrivateKey.Generate();
    public Hash32 AnchorRoot { get; } = Keccak256.Hash(Guid.NewGuid().ToByteArray());
    public BigInteger OfferId { get; private set; }
    public BigInteger ClaimedAmount { get; private set; }
    public BigInteger Fee { get; private set; }

    private Contract At(string name) => new(chain.Rpc, chain.Address(name), ChainContracts.Abi(name));

    private TransactionSender Sender(PrivateKey key) => new(chain.Rpc, key, chain.ChainId, new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    public async Task RunAsync()
    {
        foreach (var key in new[] { PatientA, PatientB, Buyer }) await chain.FundAsync(key.Address);
        var registry = At(ContractArtifacts.ConsentRegistry);
        var anchor = At(ContractArtifacts.RecordAnchor);
        var market = At(ContractArtifacts.DataMarketplace);
        var dollar = At(ContractArtifacts.TestDollar);

        await SendAsync(PatientA, registry.Transaction("setConsent", (ulong)(Purpose.AcademicResearch | Purpose.PublicHealth), 0UL));
        await SendAsync(PatientA, registry.Transaction("setConsent", (ulong)Purpose.AcademicResearch, 0UL));
        var separator = ConsentTypedData.Domain(chain.ChainId, registry.Address).Separator();
        var deadline = (ulong)DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        object?[] Signed(PrivateKey signer, EthAddress patient, Purpose purposes)
        {
            var signature = signer.Sign(ConsentTypedData.Digest(separator, new ConsentMessage(patient, purposes, 0, 0, deadline))).ToBytes();
            return [patient, (ulong)purposes, 0UL, 0UL, deadline, signature[64], signature[..32], signature[32..64]];
        }
        await SendAsync(chain.Relayer, registry.Transaction("setConsentsBySig", (object)new object?[]
        {
            Signed(PatientB, PatientB.Address, Purpose.AcademicResearch | Purpose.AiTraining),
            Signed(Forger, PatientC.Address, Purpose.AcademicResearch),
        }));

        await SendAsync(chain.Provider, anchor.Transaction("anchor", AnchorRoot, 12u));

        var payout = StandardMerkleTree.Of([[PatientA.Address, new BigInteger(3)], [PatientB.Address, BigInteger.One]], ["address", "uint256"]);
        var terms = new OfferTerms(Keccak256.Hash("manifest"), Keccak256.Hash("rows"), payout.Root, 4, (ulong)Purpose.AcademicResearch,
            dollar.Address, Price * 2, 0, 0);
        var listed = await SendAsync(chain.Curator, market.Transaction("listOffer", terms.ToAbi(), BigInteger.Zero));
        OfferId = (BigInteger)market.Abi.Event("OfferListed").Decode(listed.Logs.First(l => l.Address == market.Address))["offerId"]!;
        await SendAsync(chain.Curator, market.Transaction("setPrice", OfferId, (BigInteger)Price));
        await SendAsync(chain.Curator, market.Transaction("pauseOffer", OfferId));
        await SendAsync(chain.Curator, market.Transaction("unpauseOffer", OfferId));

        await SendAsync(chain.Admin, dollar.Transaction("mint", Buyer.Address, (BigInteger)Price));
        await SendAsync(Buyer, dollar.Transaction("approve", market.Address, (BigInteger)Price));
        await SendAsync(Buyer, market.Transaction("purchase", OfferId, Keccak256.Hash("agreement")));
        Fee = Price * 250 / 10_000;

        await SendAsync(chain.Relayer, market.Transaction("claim", PatientA.Address,
            (object)new object?[] { new object?[] { OfferId, new BigInteger(3), payout.GetProof(0).ToArray() } }));
        ClaimedAmount = (Price - Fee) * 3 / 4;
    }

    private async Task<Ledger.Rpc.TransactionReceipt> SendAsync(PrivateKey key, TransactionRequest request) =>
        await Sender(key).SendAndWaitAsync(request);
}
