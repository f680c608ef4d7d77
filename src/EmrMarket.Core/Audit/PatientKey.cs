using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>
/// The pseudonymous key compliance views name a patient by: the wallet address their consent lives under on chain
/// (EIP-55). It comes from a randomly generated key (custodial) or the patient's own wallet, is derived from nothing
/// about the person, and is already public as the consent's identity on chain; the audit views never join it to a
/// name, a medical record number or a record id (docs/marketplace.md, "Audit").
/// </summary>
public static class PatientKey
{
    public static string Of(EthAddress wallet) => wallet.ToString();

    /// <exception cref="AuditException">Not a 20-byte hex address.</exception>
    public static EthAddress Parse(string key) =>
        EthAddress.TryParse(key?.Trim(), out var wallet) ? wallet : throw new AuditException("a patient key is a wallet address: 0x and 40 hex digits");
}
