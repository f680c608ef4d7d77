using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>
/// The data use agreement a researcher accepts before buying. The offer's particulars (dataset, purpose, price) are
/// in the signed DataUseAgreement itself; this text is what binds them. A changed text is a new version: older
/// versions stay here, because signed agreements name them by hash.
/// </summary>
public static class DataUseTerms
{
    public static AgreementTerms V1 { get; } = new("1", """
        EmrMarket data use agreement, version 1

        The researcher ("you") signing this agreement for the offer named in it agrees:
        1. Purpose. You will use the dataset only for the purposes the offer is licensed for, as recorded on chain.
        2. No re-identification. You will not attempt to identify, contact or learn the identity of any person whose
           records are in the dataset, and will not link it with other data to that end, including other EmrMarket datasets.
        3. No redistribution. You will not sell, share or publish the dataset or any part of it that could be used to
           rebuild it; results may be published in aggregate, with no cell describing fewer than 11 people.
        4. Security. You will keep the dataset on systems protected against unauthorised access, limit access to the
           people working on your project, and report any breach or suspected re-identification to EmrMarket within 72 hours.
        5. Audit. EmrMarket and its compliance officers may ask how the dataset is used and stored; you will answer truthfully.
        6. End of use. When the project ends you will delete the dataset and its copies.
        7. Licence. The licence is personal to the wallet that bought it and cannot be transferred. Breach of this
           agreement ends it; patients' payouts are not refunded.
        """);

    /// <summary>The version researchers accept now.</summary>
    public static AgreementTerms Current => V1;

    public static IReadOnlyList<AgreementTerms> All { get; } = [V1];

    /// <summary>The version whose text hashes to <paramref name="termsHash"/>, or null.</summary>
    public static AgreementTerms? Find(Hash32 termsHash) => All.FirstOrDefault(t => t.Hash == termsHash);
}
