namespace EmrMarket.Core.Chain.Internal;

/// <summary>What a node's refusal of eth_sendRawTransaction means for the outbox.</summary>
internal enum NodeRejection
{
    /// <summary>The node has it already (pending or mined).</summary>
    Known,

    /// <summary>The nonce is used: by this transaction (mined) or by another one.</summary>
    NonceTooLow,

    /// <summary>Worth sending again later: funds, fees, a full pool.</summary>
    Transient,

    /// <summary>This transaction will never be accepted (e.g. a gas limit above the block's).</summary>
    Permanent,
}
