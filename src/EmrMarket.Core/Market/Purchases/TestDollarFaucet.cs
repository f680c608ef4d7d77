using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Wallets;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>
/// Local test money: the admin mints TestDollar to an account's wallet. Only where TestDollar is deployed (local
/// chains); anywhere else it refuses.
/// </summary>
public sealed class TestDollarFaucet(IWalletRepository wallets, IOutbox outbox, IChainDeployment deployment, IOptions<MarketOptions> options)
{
    /// <summary>Whether this chain has TestDollar (the UI shows the faucet only then).</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken) =>
        (await deployment.TryGetAsync(cancellationToken))?.TestDollar is not null;

    /// <summary>Queues mint(wallet, dollars); returns the outbox row (see <see cref="IOutbox.WaitAsync"/>).</summary>
    /// <param name="requestKey">Names the request, so asking again with it mints once (null: every call mints).</param>
    /// <exception cref="MarketException">No TestDollar, no wallet, or an amount out of range.</exception>
    public async Task<long> MintAsync(Guid accountId, decimal dollars, string? requestKey, CancellationToken cancellationToken)
    {
        var dollar = (await deployment.TryGetAsync(cancellationToken))?.TestDollar
            ?? throw new MarketException("there is no TestDollar on this chain: the faucet is for local chains only");
        if (dollars <= 0 || dollars > options.Value.FaucetMaxDollars)
            throw new MarketException($"ask for more than 0 and at most {options.Value.FaucetMaxDollars:N0} test dollars");
        var wallet = await wallets.FindByAccountAsync(accountId, cancellationToken) ?? throw new MarketException("this account has no wallet yet");
        var units = new BigInteger(decimal.Round(dollars * 1_000_000m, 0, MidpointRounding.ToZero));
        var key = $"{MarketOutboxKinds.Faucet}:{dollar.ToLowerHex()}:{accountId}:{requestKey ?? Guid.NewGuid().ToString("N")}";
        try
        {
            return await outbox.EnqueueAsync(new OutboxRequest(key, MarketOutboxKinds.Faucet, OutboxSigner.Admin, dollar,
                ChainContracts.Abi(ContractArtifacts.TestDollar).Encode("mint", wallet.Address, units)), cancellationToken);
        }
        catch (OutboxException e)
        {
            throw new MarketException($"the faucet cannot mint: {e.Message}");
        }
    }
}
