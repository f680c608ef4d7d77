using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>A chain write to queue.</summary>
/// <param name="IdempotencyKey">The caller's unique name for this write (e.g. <c>anchor:{batchId}</c>); the same key again returns the same row.</param>
/// <param name="Kind">What it does, for people and filters (<see cref="OutboxKinds"/>).</param>
/// <param name="Signer">Whose key signs it.</param>
/// <param name="To">The contract (or account) called.</param>
/// <param name="Data">The ABI-encoded call.</param>
/// <param name="Value">Wei sent along (gas top-ups).</param>
/// <param name="GasLimit">A fixed gas limit; null estimates it just before signing (a revert then fails the row without a transaction).</param>
/// <param name="AfterId">An outbox row that must be confirmed first (e.g. the role grant before a provider's first anchor); if it fails, so does this one.</param>
public sealed record OutboxRequest(
    string IdempotencyKey,
    string Kind,
    OutboxSigner Signer,
    EthAddress To,
    byte[] Data,
    BigInteger Value = default,
    ulong? GasLimit = null,
    long? AfterId = null);
