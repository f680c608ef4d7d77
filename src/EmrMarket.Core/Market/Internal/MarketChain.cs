using System.Collections.Concurrent;
using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Core.Market.Internal;

/// <summary>
/// The chain reads the marketplace's use cases make (token facts, balances, permit nonces, fees, gas estimates). A
/// node that cannot be reached becomes <see cref="ChainUnavailableException"/>; no deployment a <see cref="MarketException"/>.
/// </summary>
internal sealed class MarketChain(EthRpc rpc, IChainDeployment deployment)
{
    private static readonly ContractAbi Token = ChainContracts.Abi(ContractArtifacts.TestDollar);
    private static readonly ContractAbi Marketplace = ChainContracts.Abi(ContractArtifacts.DataMarketplace);

    private readonly FeeEstimator _fees = new(rpc, new TransactionSenderOptions());
    private readonly ConcurrentDictionary<EthAddress, TokenInfo> _tokens = new();
    private readonly ConcurrentDictionary<EthAddress, (string Name, string Version)> _permitDomains = new();

    public async Task<ChainContracts> ContractsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await deployment.GetAsync(cancellationToken);
        }
        catch (ChainNotDeployedException e)
        {
            throw new MarketException(e.Message);
        }
    }

    public async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException)
        {
            throw new ChainUnavailableException($"the chain node cannot be reached right now ({e.Message}); nothing was sent: try again shortly", e);
        }
    }

    public Task<object?[]> CallAsync(EthAddress contract, ContractAbi abi, string function, object?[] arguments, CancellationToken cancellationToken) =>
        ReadAsync(async () =>
        {
            var definition = abi.Function(function);
            return definition.DecodeOutput(await rpc.CallAsync(new CallRequest(contract, definition.Encode(arguments)), BlockTag.Latest, abi.Errors,
                cancellationToken));
        });

    public async Task<TokenInfo> TokenAsync(EthAddress token, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(token, out var known)) return known;
        var code = await ReadAsync(() => rpc.GetCodeAsync(token, BlockTag.Latest, cancellationToken));
        if (code.Length == 0) throw new MarketException($"{token} is not a token contract on this chain");
        var symbol = (string)(await CallAsync(token, Token, "symbol", [], cancellationToken))[0]!;
        var decimals = (int)(BigInteger)(await CallAsync(token, Token, "decimals", [], cancellationToken))[0]!;
        return _tokens[token] = new TokenInfo(token, symbol, decimals);
    }

    public async Task<BigInteger> BalanceAsync(EthAddress token, EthAddress owner, CancellationToken cancellationToken) =>
        (BigInteger)(await CallAsync(token, Token, "balanceOf", [owner], cancellationToken))[0]!;

    public async Task<BigInteger> PermitNonceAsync(EthAddress token, EthAddress owner, CancellationToken cancellationToken) =>
        (BigInteger)(await CallAsync(token, Token, "nonces", [owner], cancellationToken))[0]!;

    /// <summary>The token's EIP-2612 signing domain, from its EIP-5267 eip712Domain() (TestDollar: "EmrMarket Test Dollar", "1").</summary>
    public async Task<Eip712Domain> PermitDomainAsync(EthAddress token, ulong chainId, CancellationToken cancellationToken)
    {
        if (!_permitDomains.TryGetValue(token, out var domain))
        {
            try
            {
                var fields = await CallAsync(token, Token, "eip712Domain", [], cancellationToken);
                domain = ((string)fields[1]!, (string)fields[2]!);
            }
            catch (ContractRevertException)
            {
                throw new MarketException($"the token {token} does not describe its permit domain (EIP-5267), so it cannot be paid with a permit");
            }
            _permitDomains[token] = domain;
        }
        return new Eip712Domain(domain.Name, domain.Version, chainId, token);
    }

    public async Task<int> FeeBpsAsync(ChainContracts contracts, CancellationToken cancellationToken) =>
        (int)(BigInteger)(await CallAsync(contracts.DataMarketplace, Marketplace, "feeBps", [], cancellationToken))[0]!;

    /// <summary>eth_estimateGas of a call and the fee cap; the decoded revert instead when the call would fail now.</summary>
    public Task<(GasEstimate? Gas, string? Revert)> EstimateAsync(CallRequest call, ChainContracts contracts, bool paidByPlatform,
        CancellationToken cancellationToken) =>
        ReadAsync<(GasEstimate?, string?)>(async () =>
        {
            try
            {
                var units = await rpc.EstimateGasAsync(call, contracts.Errors, cancellationToken);
                var fee = await _fees.SuggestAsync(cancellationToken);
                return (new GasEstimate(units, fee.MaxFeePerGas, paidByPlatform), null);
            }
            catch (ContractRevertException e)
            {
                return (null, e.Reason.Message);
            }
        });
}
