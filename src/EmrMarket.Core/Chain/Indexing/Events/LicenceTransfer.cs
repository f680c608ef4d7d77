using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>One item of DataLicense's ERC-1155 TransferSingle or TransferBatch (<see cref="Item"/>: its place in the batch).</summary>
public sealed record LicenceTransfer(LogPosition At, int Item, EthAddress Operator, EthAddress From, EthAddress To, BigInteger OfferId, BigInteger Amount);
