using System.Numerics;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market.Internal;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>
/// A patient's payouts: per dataset their weight, the pool so far, their entitlement (pool × weight / total weight,
/// rounded down like the contract), what they claimed and what they can claim now; one claim transaction for every
/// offer with something to claim, proofs from the stored payout tree (checked against the offer's root first),
/// submitted by the relayer so the patient never needs gas.
/// </summary>
public sealed class PayoutService(
    IAccountRepository accounts,
    IWalletRepository wallets,
    IDatasetStore datasets,
    IPayoutStore payouts,
    IOutbox outbox,
    ISignerKeys signers,
    EthRpc rpc,
    IChainDeployment deployment)
{
    private static readonly ContractAbi Marketplace = ChainContracts.Abi(ContractArtifacts.DataMarketplace);
    private readonly MarketChain _chain = new(rpc, deployment);

    /// <exception cref="MarketException">Wrong role or no wallet.</exception>
    public async Task<EarningsView> EarningsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await PatientWalletAsync(accountId, cancellationToken);
        var items = await payouts.EarningsAsync(wallet, cancellationToken);
        var pending = (await payouts.ClaimsAsync(accountId, 10, cancellationToken)).FirstOrDefault(c => c.IsPending);
        return new EarningsView(wallet, items, await TokensAsync(items.Select(i => i.Token), cancellationToken), pending);
    }

    /// <summary>What <see cref="ClaimAllAsync"/> would pay now and its gas.</summary>
    public async Task<ClaimQuote> QuoteClaimAllAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await PatientWalletAsync(accountId, cancellationToken);
        var items = await ClaimItemsAsync(wallet, cancellationToken);
        var tokens = await TokensAsync(items.Select(i => (EthAddress?)i.Token), cancellationToken);
        var amounts = items.GroupBy(i => i.Token).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, i) => sum + i.Amount));
        if (items.Count == 0) return new ClaimQuote(wallet, items, amounts, tokens, null, "nothing to claim yet: no offer that includes you has earned since your last claim");
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var relayer = await RelayerAsync(cancellationToken);
        var (gas, revert) = await _chain.EstimateAsync(new CallRequest(contracts.DataMarketplace, ClaimCall(wallet, items), relayer), contracts,
            paidByPlatform: true, cancellationToken);
        return new ClaimQuote(wallet, items, amounts, tokens, gas, revert is null ? null : $"the claim would fail now: {revert}");
    }

    /// <summary>Queues one claim(patient, claims) for every offer with something to claim; asking again while it is on its way returns it.</summary>
    /// <exception cref="MarketException">Wrong role, nothing to claim, another claim on its way, or a stored tree that does not match the chain.</exception>
    public async Task<PayoutClaimView> ClaimAllAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await PatientWalletAsync(accountId, cancellationToken);
        var items = await ClaimItemsAsync(wallet, cancellationToken);
        if (items.Count == 0) throw new MarketException("nothing to claim yet: no offer that includes you has earned since your last claim");
        var contracts = await _chain.ContractsAsync(cancellationToken);
        var state = Keccak256.Hash(string.Join(";", items.Select(i => $"{i.OfferId}:{i.Entitlement}")));
        var key = $"{MarketOutboxKinds.Claim}:{contracts.DataMarketplace.ToLowerHex()}:{wallet.ToLowerHex()}:{state}";
        var pending = (await payouts.ClaimsAsync(accountId, 10, cancellationToken)).FirstOrDefault(c => c.IsPending);
        if (pending is not null && (await outbox.GetAsync(pending.Write.OutboxId, cancellationToken))?.IdempotencyKey != key)
            throw new MarketException($"your claim {pending.Id} is on its way; wait for it before claiming again");
        long id;
        try
        {
            id = await outbox.EnqueueAsync(new OutboxRequest(key, MarketOutboxKinds.Claim, OutboxSigner.Relayer, contracts.DataMarketplace,
                ClaimCall(wallet, items)), cancellationToken);
        }
        catch (OutboxException e)
        {
            throw new MarketException($"the claim cannot be queued: {e.Message}");
        }
        return await payouts.InsertClaimAsync(new NewPayoutClaim(accountId, wallet, id, items), cancellationToken);
    }

    /// <summary>The account's claims, newest first, with their status.</summary>
    public Task<IReadOnlyList<PayoutClaimView>> ClaimsAsync(Guid accountId, int limit, CancellationToken cancellationToken) =>
        payouts.ClaimsAsync(accountId, limit, cancellationToken);

    /// <summary>For each dataset that includes the patient: their leaf, its proof and the root, checked before they are shown.</summary>
    public async Task<IReadOnlyList<MembershipProof>> ProofsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var wallet = await PatientWalletAsync(accountId, cancellationToken);
        var proofs = new List<MembershipProof>();
        foreach (var earning in await payouts.EarningsAsync(wallet, cancellationToken))
        {
            var tree = await ProvenTreeAsync(earning, wallet, cancellationToken);
            proofs.Add(new MembershipProof(earning.DatasetId, earning.Title, earning.OfferId, wallet, earning.Weight, earning.TotalWeight,
                earning.LeafIndex, Ledger.Merkle.StandardMerkleTree.LeafHash(PayoutTree.LeafEncoding, [wallet, earning.Weight]),
                tree.ProofOf(earning.LeafIndex), tree.Root));
        }
        return proofs;
    }

    /// <summary>The payout tree of a listed offer, every leaf, for rebuilding it independently.</summary>
    /// <exception cref="MarketException">The offer is not one of this platform's datasets.</exception>
    public async Task<PublishedPayoutTree> PayoutTreeAsync(ulong offerId, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindByOfferAsync(offerId, cancellationToken) ?? throw new MarketException($"offer {offerId} is not one of this platform's datasets");
        var tree = new PayoutTree(await datasets.PayoutsAsync(dataset.Id, cancellationToken));
        return new PublishedPayoutTree(offerId, dataset.Id, tree.Root, tree.TotalWeight, tree.Leaves);
    }

    private async Task<IReadOnlyList<ClaimItem>> ClaimItemsAsync(EthAddress wallet, CancellationToken cancellationToken)
    {
        var items = new List<ClaimItem>();
        foreach (var earning in await payouts.EarningsAsync(wallet, cancellationToken))
        {
            if (earning is not { OfferId: { } offerId, Token: { } token } || earning.Claimable.IsZero) continue;
            var tree = await ProvenTreeAsync(earning, wallet, cancellationToken);
            items.Add(new ClaimItem(offerId, earning.DatasetId, token, earning.Weight, earning.Entitlement, earning.Claimable, tree.ProofOf(earning.LeafIndex)));
        }
        return items;
    }

    /// <summary>The dataset's stored tree, refused unless its root is the dataset's and the offer's and the leaf is the patient's.</summary>
    private async Task<PayoutTree> ProvenTreeAsync(Earning earning, EthAddress wallet, CancellationToken cancellationToken)
    {
        var dataset = await datasets.FindAsync(earning.DatasetId, cancellationToken) ?? throw new MarketException($"there is no dataset {earning.DatasetId}");
        var tree = new PayoutTree(await datasets.PayoutsAsync(earning.DatasetId, cancellationToken));
        var onChain = earning.OfferPayoutRoot ?? dataset.PayoutRoot;
        if (tree.Root != dataset.PayoutRoot || tree.Root != onChain || tree.IndexOf(wallet) != earning.LeafIndex)
            throw new MarketException($"the payout tree stored for dataset '{dataset.Title}' does not match its root {onChain} " +
                $"(it gives {tree.Root}); no claim was sent: the operator must restore it");
        return tree;
    }

    private static byte[] ClaimCall(EthAddress patient, IReadOnlyList<ClaimItem> items) =>
        Marketplace.Encode("claim", patient, (object)items.Select(i => (object?)new object?[] { (BigInteger)i.OfferId, i.Weight, i.Proof.ToArray() }).ToArray());

    private async Task<EthAddress> PatientWalletAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await RoleCheck.RequireAsync(accounts, accountId, Roles.Patient, "see and claim payouts", cancellationToken);
        return (await wallets.FindByAccountAsync(accountId, cancellationToken) ?? throw new MarketException("this account has no wallet yet")).Address;
    }

    private async Task<EthAddress> RelayerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await signers.AddressAsync(OutboxSigner.Relayer, cancellationToken);
        }
        catch (OutboxException e)
        {
            throw new MarketException(e.Message);
        }
    }

    private async Task<IReadOnlyDictionary<EthAddress, TokenInfo>> TokensAsync(IEnumerable<EthAddress?> tokens, CancellationToken cancellationToken)
    {
        var infos = new Dictionary<EthAddress, TokenInfo>();
        foreach (var token in tokens.OfType<EthAddress>().Distinct()) infos[token] = await _chain.TokenAsync(token, cancellationToken);
        return infos;
    }
}
