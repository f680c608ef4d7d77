namespace EmrMarket.Core.Chain.Events;

/// <summary>What a <see cref="ChainChange"/> is about, and what its key names.</summary>
public enum ChangeKind
{
    /// <summary>A patient's on-chain consent or one of their consent requests; key: the patient's address (lower-case hex).</summary>
    Consent,

    /// <summary>A record batch anchored; key: the Merkle root (hex).</summary>
    Anchor,

    /// <summary>An offer listed, repriced, paused, delisted, bought from or claimed from; key: the offer id.</summary>
    Offer,

    /// <summary>A purchase; key: the buyer's address.</summary>
    Purchase,

    /// <summary>A licence balance; key: the holder's address.</summary>
    Licence,

    /// <summary>A payout claimed; key: the patient's address.</summary>
    Claim,

    /// <summary>An outbox row changed status; key: its id.</summary>
    Outbox,

    /// <summary>A dataset's offer link or status (listing, listed, paused, delisted, superseded); key: the dataset id.</summary>
    Dataset,

    /// <summary>The read models were rewound or rebuilt: everything may have changed; no key.</summary>
    Reset,
}
