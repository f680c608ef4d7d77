namespace EmrMarket.Core.Consent;

public enum ConsentSource
{
    /// <summary>Signed by the custodial key the platform holds for the patient.</summary>
    Custodial,

    /// <summary>Signed in the patient's own wallet (eth_signTypedData_v4).</summary>
    Wallet,
}
