using System.Globalization;
using System.Text;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Wallets;

/// <summary>
/// An EIP-4361 (Sign-In with Ethereum) message: the text a wallet shows and signs with EIP-191.
/// Only the fields EmrMarket issues are supported (no resources list).
/// </summary>
public sealed record SiweMessage(
    string Domain,
    EthAddress Address,
    string Statement,
    Uri Uri,
    ulong ChainId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpirationTime)
{
    private const string Preamble = " wants you to sign in with your Ethereum account:";

    public string Format()
    {
        var text = new StringBuilder()
            .Append(Domain).Append(Preamble).Append('\n')
            .Append(Address.ToString()).Append("\n\n")
            .Append(Statement).Append("\n\n")
            .Append("URI: ").Append(Uri.ToString()).Append('\n')
            .Append("Version: 1\n")
            .Append("Chain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("Nonce: ").Append(Nonce).Append('\n')
            .Append("Issued At: ").Append(Timestamp(IssuedAt)).Append('\n')
            .Append("Expiration Time: ").Append(Timestamp(ExpirationTime));
        return text.ToString();
    }

    /// <summary>Parses the message format EIP-4361 defines; throws <see cref="WalletException"/> naming the bad line.</summary>
    public static SiweMessage Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 6 || !lines[0].EndsWith(Preamble, StringComparison.Ordinal))
            throw new WalletException("not a Sign-In with Ethereum message (first line)");
        var domain = lines[0][..^Preamble.Length];
        if (!EthAddress.TryParse(lines[1], out var address))
            throw new WalletException($"line 2 is not a checksummed address: '{lines[1]}'");

        var statement = lines[2].Length == 0 && lines.Length > 4 && lines[4].Length == 0 ? lines[3] : "";
        var fields = lines.SkipWhile(l => !l.StartsWith("URI: ", StringComparison.Ordinal))
            .Select(l => l.Split(": ", 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        string Field(string name) => fields.TryGetValue(name, out var v) ? v
            : throw new WalletException($"the message has no '{name}' line");

        if (Field("Version") != "1") throw new WalletException($"unsupported version '{Field("Version")}'");
        if (!Uri.TryCreate(Field("URI"), UriKind.Absolute, out var uri)) throw new WalletException("URI is not absolute");
        if (!ulong.TryParse(Field("Chain ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
            throw new WalletException("Chain ID is not a number");
        return new SiweMessage(domain, address, statement, uri, chainId, Field("Nonce"),
            ParseTimestamp(Field("Issued At"), "Issued At"), ParseTimestamp(Field("Expiration Time"), "Expiration Time"));
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string value, string field) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new WalletException($"{field} is not an RFC 3339 time: '{value}'");
}
