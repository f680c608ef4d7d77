using EmrMarket.Core.Market.Agreements;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>What an external wallet signs to buy: the data use agreement and the token permit, each as eth_signTypedData_v4 JSON.</summary>
public sealed record WalletPurchaseToSign(AgreementMessage Agreement, string AgreementJson, PermitMessage Permit, string PermitJson, AgreementTerms Terms);
