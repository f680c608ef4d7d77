using System.Globalization;
using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Data.Chain;

/// <summary>Conversions shared by the read-model repositories: numbers travel as text, addresses as lower-case hex.</summary>
internal static class ReadModelRows
{
    /// <summary>The position columns every read-model row carries.</summary>
    public const string PositionColumns = "block_number as BlockNumber, log_index as LogIndex, block_time as BlockTime, tx_hash as TxHash";

    public static LogPosition Position(long blockNumber, int logIndex, DateTime blockTime, byte[] txHash) =>
        new((ulong)blockNumber, logIndex, new DateTimeOffset(DateTime.SpecifyKind(blockTime, DateTimeKind.Utc)), new Hash32(txHash));

    public static BigInteger Big(string text) => BigInteger.Parse(text, CultureInfo.InvariantCulture);

    public static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    public static EthAddress Address(string text) => EthAddress.Parse(text);
}
