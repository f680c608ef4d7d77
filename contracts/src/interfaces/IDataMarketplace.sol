// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDataMarketplace
/// @notice Dataset offers, their purchase as non-transferable licences, and the patients' Merkle payouts.
interface IDataMarketplace {
    /// @notice Lifecycle of an offer: Active <-> Paused, either -> Delisted (final). None: no such offer.
    enum OfferStatus {
        None,
        Active,
        Paused,
        Delisted
    }

    /// @notice What a curator lists.
    /// @param manifestHash hash of the dataset package's manifest.json
    /// @param rowsRoot Merkle root of the dataset's rows
    /// @param payoutRoot StandardMerkleTree root of the `(address patient, uint256 weight)` payout leaves
    /// @param totalWeight sum of every weight in the payout tree
    /// @param purpose bitmask of {Purposes} the licence allows the data to be used for
    /// @param token ERC-20 the price is paid in
    /// @param price in the token's smallest unit
    /// @param licenceCap most licences that may be sold; zero means no cap
    /// @param endTime unix time from which the offer can no longer be bought; zero means never
    struct OfferTerms {
        bytes32 manifestHash;
        bytes32 rowsRoot;
        bytes32 payoutRoot;
        uint96 totalWeight;
        uint64 purpose;
        address token;
        uint96 price;
        uint32 licenceCap;
        uint40 endTime;
    }

    /// @notice An offer as stored (six slots), with its sales and payout accounting.
    /// @param pool what buyers paid into the patients' pool (price minus fee, summed)
    /// @param claimed what patients have claimed from the pool so far
    /// @param sold licences sold so far
    struct Offer {
        bytes32 manifestHash;
        bytes32 rowsRoot;
        bytes32 payoutRoot;
        uint96 price;
        uint64 purpose;
        uint40 endTime;
        uint32 licenceCap;
        OfferStatus status;
        address token;
        uint96 totalWeight;
        uint112 pool;
        uint112 claimed;
        uint32 sold;
    }

    /// @notice One offer's part of a claim: the patient's leaf weight and its Merkle proof.
    struct Claim {
        uint256 offerId;
        uint256 weight;
        bytes32[] proof;
    }

    /// @notice The data use agreement a buyer signs off chain (EIP-712 in this contract's domain); its digest
    /// is what {purchase} records. See {DATA_USE_AGREEMENT_TYPEHASH}.
    /// @param termsHash keccak256 of the agreement's legal text, as the app presents it
    /// @param signedAt unix time the buyer signed
    struct DataUseAgreement {
        uint256 offerId;
        address buyer;
        bytes32 manifestHash;
        uint64 purpose;
        address token;
        uint256 price;
        bytes32 termsHash;
        uint64 signedAt;
    }

    /// @notice A curator listed an offer; `replacesOfferId` (zero if none) is the offer it supersedes.
    event OfferListed(
        uint256 indexed offerId, address indexed curator, uint256 indexed replacesOfferId, OfferTerms terms
    );
    /// @notice A curator changed an offer's price.
    event OfferPriceChanged(uint256 indexed offerId, address indexed curator, uint96 oldPrice, uint96 newPrice);
    /// @notice An offer was paused, unpaused or delisted, by `curator`.
    event OfferStatusChanged(uint256 indexed offerId, address indexed curator, OfferStatus status);
    /// @notice A buyer bought licence number `licenceNumber` of an offer under the agreement `agreementHash`;
    /// `fee` went to the treasury and `price - fee` to the offer's pool.
    event Purchased(
        uint256 indexed offerId,
        address indexed buyer,
        bytes32 indexed agreementHash,
        uint256 price,
        uint256 fee,
        uint32 licenceNumber
    );
    /// @notice A patient was paid `amount` from an offer's pool; `totalClaimed` is all they have had from it.
    event Claimed(uint256 indexed offerId, address indexed patient, uint256 amount, uint256 totalClaimed);
    /// @notice The platform fee changed (basis points of each price).
    event FeeChanged(uint16 oldFeeBps, uint16 newFeeBps);
    /// @notice The address receiving the platform fee changed.
    event TreasuryChanged(address indexed oldTreasury, address indexed newTreasury);

    /// @notice No offer has this id.
    error DataMarketplaceUnknownOffer(uint256 offerId);
    /// @notice A listing without its manifest hash, rows root or payout root.
    error DataMarketplaceMissingCommitment(bytes32 manifestHash, bytes32 rowsRoot, bytes32 payoutRoot);
    /// @notice A listing whose payout tree has no weight.
    error DataMarketplaceZeroTotalWeight();
    /// @notice A purpose set that is empty or has undefined bits.
    error DataMarketplaceInvalidPurpose(uint64 purpose);
    /// @notice The payment token is not a contract.
    error DataMarketplaceInvalidToken(address token);
    /// @notice Offers cost something.
    error DataMarketplaceZeroPrice();
    /// @notice A listing that would already have ended.
    error DataMarketplaceEndTimePassed(uint40 endTime, uint256 timestamp);
    /// @notice The offer cannot go from its status to the one asked for.
    error DataMarketplaceInvalidTransition(uint256 offerId, OfferStatus from, OfferStatus to);
    /// @notice The offer is paused or delisted.
    error DataMarketplaceOfferNotActive(uint256 offerId, OfferStatus status);
    /// @notice The offer's end time has passed.
    error DataMarketplaceOfferEnded(uint256 offerId, uint40 endTime);
    /// @notice Every licence of the offer is sold.
    error DataMarketplaceSoldOut(uint256 offerId, uint32 licenceCap);
    /// @notice A purchase must record the hash of the signed data use agreement.
    error DataMarketplaceMissingAgreement(uint256 offerId);
    /// @notice The price is above what the buyer's permit allows.
    error DataMarketplacePriceAboveLimit(uint256 offerId, uint256 price, uint256 maxPrice);
    /// @notice The fee is above {MAX_FEE_BPS}.
    error DataMarketplaceFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice The treasury cannot be the zero address or the marketplace.
    error DataMarketplaceInvalidTreasury(address treasury);
    /// @notice A claim with no offers.
    error DataMarketplaceNoClaims();
    /// @notice A leaf weight above the offer's total weight.
    error DataMarketplaceWeightExceedsTotal(uint256 offerId, uint256 weight, uint256 totalWeight);
    /// @notice The proof does not show `(patient, weight)` in the offer's payout tree.
    error DataMarketplaceInvalidProof(uint256 offerId, address patient, uint256 weight);
    /// @notice Paying this claim would take more than the pool holds (the payout tree's weights are wrong).
    error DataMarketplacePoolExceeded(uint256 offerId, uint256 amount, uint256 available);

    /// @notice Lists an offer (CURATOR_ROLE). A non-zero `replacesOfferId` names the offer this one
    /// supersedes; that offer is delisted if it is not already.
    /// @return offerId the new offer's id (sequential from 1), also its licence token id
    function listOffer(OfferTerms calldata terms, uint256 replacesOfferId) external returns (uint256 offerId);

    /// @notice Changes the price of an offer that is not delisted (CURATOR_ROLE).
    function setPrice(uint256 offerId, uint96 newPrice) external;

    /// @notice Stops sales of an active offer until {unpauseOffer} (CURATOR_ROLE).
    function pauseOffer(uint256 offerId) external;

    /// @notice Resumes sales of a paused offer (CURATOR_ROLE).
    function unpauseOffer(uint256 offerId) external;

    /// @notice Ends sales of an offer for good; its pool stays claimable (CURATOR_ROLE).
    function delistOffer(uint256 offerId) external;

    /// @notice Buys one licence: takes the price from the caller (approved beforehand), pays the fee to the
    /// treasury and the rest into the offer's pool, and mints the licence to the caller.
    /// @param agreementHash EIP-712 digest of the {DataUseAgreement} the caller signed
    function purchase(uint256 offerId, bytes32 agreementHash) external;

    /// @notice {purchase} with an EIP-2612 permit for the payment, so buying takes one transaction.
    /// @param maxPrice the permit's value; the purchase reverts if the price is higher
    function purchaseWithPermit(
        uint256 offerId,
        bytes32 agreementHash,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays `patient` what they are owed from each offer: `pool * weight / totalWeight` minus what
    /// they already claimed. Anyone may submit; the money always goes to `patient`.
    function claim(address patient, Claim[] calldata claims) external;

    /// @notice Sets the platform fee in basis points, at most {MAX_FEE_BPS} (DEFAULT_ADMIN_ROLE).
    function setFee(uint16 newFeeBps) external;

    /// @notice Sets the address receiving the platform fee (DEFAULT_ADMIN_ROLE).
    function setTreasury(address newTreasury) external;

    /// @notice Stops all purchases (DEFAULT_ADMIN_ROLE). Claims go on: patients' earnings are never frozen.
    function pause() external;

    /// @notice Resumes purchases (DEFAULT_ADMIN_ROLE).
    function unpause() external;

    /// @notice The offer `offerId` (all zero if none).
    function offer(uint256 offerId) external view returns (Offer memory);

    /// @notice What `patient`, with payout leaf weight `weight`, could claim from an offer now (the weight is
    /// not checked against the tree here; {claim} checks it).
    function claimable(uint256 offerId, address patient, uint256 weight) external view returns (uint256);

    /// @notice All `patient` has claimed from an offer so far.
    function claimedBy(uint256 offerId, address patient) external view returns (uint256);

    /// @notice The EIP-712 digest of a data use agreement in this marketplace's domain.
    function hashAgreement(DataUseAgreement calldata agreement) external view returns (bytes32);
}
