using System.Data.Common;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Market;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Web.Infrastructure;

/// <summary>
/// Turns an exception into a sentence a person can act on. The use cases' own exceptions carry messages written
/// for the person; failures of the parts around them (node, database) say what is down and to try again; anything
/// else says only that it failed, never what the code was doing.
/// </summary>
public static class UserErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        _ when IsRefusal(exception) => Sentence(exception.Message),
        ChainNotDeployedException => "The ledger is not set up yet (no contracts are deployed). Try again later, or tell the platform operator.",
        ChainUnavailableException => "The ledger node cannot be reached right now, and nothing was sent. Try again in a minute.",
        ChainNotIndexedException => "The ledger has not been read up to date yet. Try again in a few seconds.",
        RpcTransportException or JsonRpcException or HttpRequestException or TimeoutException =>
            "The ledger node cannot be reached right now. Try again in a minute.",
        DbException => "The database cannot be reached right now. Try again in a minute.",
        OperationCanceledException => "The request was cancelled before it finished. Try again.",
        _ => "Something went wrong on our side, and nothing was changed. Try again; if it keeps happening, tell the platform operator.",
    };

    /// <summary>A use case refused the request and said why for the person (nothing is broken; nothing to log).</summary>
    public static bool IsRefusal(Exception exception) => exception is ConsentException or WalletException or AccountException
        or DatasetException or DeliveryException or OutboxException or UnknownProviderException or MarketException;

    private static string Sentence(string message)
    {
        if (message.Length == 0) return "The request could not be completed.";
        var text = char.ToUpperInvariant(message[0]) + message[1..];
        return text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";
    }
}
