// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {DataLicense} from "./DataLicense.sol";
import {IDataMarketplace} from "./interfaces/IDataMarketplace.sol";
import {Purposes} from "./libraries/Purposes.sol";

/// @title DataMarketplace
/// @notice Curators list de-identified datasets as offers; researchers buy non-transferable licences with an
/// ERC-20; the platform fee goes to the treasury and the rest into the offer's patient pool; patients claim
/// their share of every pool with Merkle proofs, many offers in one transaction.
/// @dev Payouts are cumulative: a patient's entitlement is `pool * weight / totalWeight` (rounded down), so
/// it grows as licences sell and a claim pays the difference to what they already had. Rounding down means
/// the claims of a correct tree never exceed the pool; the stored per-offer total makes that hold even for a
/// wrong tree. Leaves follow OpenZeppelin's StandardMerkleTree for `(address patient, uint256 weight)`.
/// Pausing stops sales, never claims: no key can freeze what patients have earned.
contract DataMarketplace is IDataMarketplace, EIP712, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Role of the platform operators who list and manage offers.
    bytes32 public constant CURATOR_ROLE = keccak256("CURATOR_ROLE");
    /// @notice Hard ceiling of the platform fee: 10% of each price.
    uint16 public constant MAX_FEE_BPS = 1_000;
    /// @notice EIP-712 type hash of {DataUseAgreement}.
    bytes32 public constant DATA_USE_AGREEMENT_TYPEHASH = keccak256(
        "DataUseAgreement(uint256 offerId,address buyer,bytes32 manifestHash,uint64 purpose,address token,"
        "uint256 price,bytes32 termsHash,uint64 signedAt)"
    );
    uint256 private constant BPS = 10_000;

    /// @notice The licence collection, deployed by this contract and minted only by it.
    DataLicense public immutable license;

    // Packed with Pausable's flag: purchase reads all three with one SLOAD.
    /// @notice Receives the platform fee.
    address public treasury;
    /// @notice Platform fee in basis points of each price.
    uint16 public feeBps;
    /// @notice The id the next listed offer gets (ids run from 1).
    uint256 public nextOfferId = 1;

    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 offerId => mapping(address patient => uint256)) private _claimed;

    /// @param admin receives DEFAULT_ADMIN_ROLE: fee, treasury, pause, and who is a curator
    /// @param treasury_ receives the platform fee
    /// @param feeBps_ platform fee in basis points, at most {MAX_FEE_BPS}
    /// @param licenseUri ERC-1155 metadata URI template of the licence collection
    constructor(address admin, address treasury_, uint16 feeBps_, string memory licenseUri)
        EIP712("EmrMarket DataMarketplace", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        license = new DataLicense(licenseUri);
        _setTreasury(treasury_);
        _setFee(feeBps_);
    }

    // ------------------------------------------------------------------ offers

    /// @inheritdoc IDataMarketplace
    function listOffer(OfferTerms calldata terms, uint256 replacesOfferId)
        external
        onlyRole(CURATOR_ROLE)
        returns (uint256 offerId)
    {
        _checkTerms(terms);
        offerId = nextOfferId;
        if (replacesOfferId >= offerId) revert DataMarketplaceUnknownOffer(replacesOfferId);
        unchecked {
            nextOfferId = offerId + 1;
        }
        _offers[offerId] = Offer({
            manifestHash: terms.manifestHash,
            rowsRoot: terms.rowsRoot,
            payoutRoot: terms.payoutRoot,
            price: terms.price,
            purpose: terms.purpose,
            endTime: terms.endTime,
            licenceCap: terms.licenceCap,
            status: OfferStatus.Active,
            token: terms.token,
            totalWeight: terms.totalWeight,
            pool: 0,
            claimed: 0,
            sold: 0
        });
        if (replacesOfferId != 0 && _offers[replacesOfferId].status != OfferStatus.Delisted) {
            _setStatus(replacesOfferId, OfferStatus.Delisted);
        }
        emit OfferListed(offerId, msg.sender, replacesOfferId, terms);
    }

    /// @inheritdoc IDataMarketplace
    function setPrice(uint256 offerId, uint96 newPrice) external onlyRole(CURATOR_ROLE) {
        Offer storage o = _offers[offerId];
        OfferStatus status = o.status;
        if (status == OfferStatus.None) revert DataMarketplaceUnknownOffer(offerId);
        if (status == OfferStatus.Delisted) revert DataMarketplaceOfferNotActive(offerId, status);
        if (newPrice == 0) revert DataMarketplaceZeroPrice();
        uint96 oldPrice = o.price;
        o.price = newPrice;
        emit OfferPriceChanged(offerId, msg.sender, oldPrice, newPrice);
    }

    /// @inheritdoc IDataMarketplace
    function pauseOffer(uint256 offerId) external onlyRole(CURATOR_ROLE) {
        _transition(offerId, OfferStatus.Active, OfferStatus.Paused);
    }

    /// @inheritdoc IDataMarketplace
    function unpauseOffer(uint256 offerId) external onlyRole(CURATOR_ROLE) {
        _transition(offerId, OfferStatus.Paused, OfferStatus.Active);
    }

    /// @inheritdoc IDataMarketplace
    function delistOffer(uint256 offerId) external onlyRole(CURATOR_ROLE) {
        OfferStatus status = _offers[offerId].status;
        if (status == OfferStatus.None) revert DataMarketplaceUnknownOffer(offerId);
        if (status == OfferStatus.Delisted) {
            revert DataMarketplaceInvalidTransition(offerId, status, OfferStatus.Delisted);
        }
        _setStatus(offerId, OfferStatus.Delisted);
    }

    // ------------------------------------------------------------------ purchases

    /// @inheritdoc IDataMarketplace
    function purchase(uint256 offerId, bytes32 agreementHash) external nonReentrant whenNotPaused {
        _purchase(offerId, agreementHash, type(uint256).max);
    }

    /// @inheritdoc IDataMarketplace
    function purchaseWithPermit(
        uint256 offerId,
        bytes32 agreementHash,
        uint256 maxPrice,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        address token = _offers[offerId].token;
        if (token == address(0)) revert DataMarketplaceUnknownOffer(offerId);
        // A permit copied from the mempool and sent first makes this call fail; the allowance it set is
        // then already there, so go on either way and let the transfer decide.
        try IERC20Permit(token).permit(msg.sender, address(this), maxPrice, deadline, v, r, s) {} catch {}
        _purchase(offerId, agreementHash, maxPrice);
    }

    function _purchase(uint256 offerId, bytes32 agreementHash, uint256 maxPrice) private {
        Offer storage o = _offers[offerId];
        OfferStatus status = o.status;
        if (status != OfferStatus.Active) {
            if (status == OfferStatus.None) revert DataMarketplaceUnknownOffer(offerId);
            revert DataMarketplaceOfferNotActive(offerId, status);
        }
        if (agreementHash == bytes32(0)) revert DataMarketplaceMissingAgreement(offerId);
        uint40 endTime = o.endTime;
        if (endTime != 0 && block.timestamp >= endTime) revert DataMarketplaceOfferEnded(offerId, endTime);
        uint32 sold = o.sold + 1;
        uint32 cap = o.licenceCap;
        if (cap != 0 && sold > cap) revert DataMarketplaceSoldOut(offerId, cap);
        uint256 price = o.price;
        if (price > maxPrice) revert DataMarketplacePriceAboveLimit(offerId, price, maxPrice);

        uint256 fee = price * feeBps / BPS;
        uint256 toPool = price - fee;
        // toPool < 2^96 fits; the checked uint112 sum reverts only after 2^16 sales at the largest price.
        // forge-lint: disable-next-line(unsafe-typecast)
        o.pool += uint112(toPool);
        o.sold = sold;

        IERC20 token = IERC20(o.token);
        if (fee != 0) token.safeTransferFrom(msg.sender, treasury, fee);
        token.safeTransferFrom(msg.sender, address(this), toPool);
        license.mint(msg.sender, offerId);
        emit Purchased(offerId, msg.sender, agreementHash, price, fee, sold);
    }

    // ------------------------------------------------------------------ payouts

    /// @inheritdoc IDataMarketplace
    function claim(address patient, Claim[] calldata claims) external nonReentrant {
        uint256 n = claims.length;
        if (n == 0) revert DataMarketplaceNoClaims();
        // Effects for every offer first, then one transfer per token.
        address[] memory tokens = new address[](n);
        uint256[] memory amounts = new uint256[](n);
        uint256 distinct;
        for (uint256 i; i < n; ++i) {
            Claim calldata c = claims[i];
            (address token, uint256 amount) = _settle(c.offerId, patient, c.weight, c.proof);
            if (amount == 0) continue;
            uint256 j;
            while (j < distinct && tokens[j] != token) ++j;
            if (j == distinct) {
                tokens[j] = token;
                ++distinct;
            }
            amounts[j] += amount;
        }
        for (uint256 j; j < distinct; ++j) {
            IERC20(tokens[j]).safeTransfer(patient, amounts[j]);
        }
    }

    /// @dev Checks one offer's leaf and books what the patient is owed from it; returns the offer's token.
    function _settle(uint256 offerId, address patient, uint256 weight, bytes32[] calldata proof)
        private
        returns (address token, uint256 amount)
    {
        Offer storage o = _offers[offerId];
        uint256 entitled = _entitlement(o, offerId, patient, weight, proof);
        token = o.token;
        uint256 already = _claimed[offerId][patient];
        if (entitled <= already) return (token, 0);
        amount = entitled - already;
        uint256 claimedTotal = o.claimed + amount;
        if (claimedTotal > o.pool) revert DataMarketplacePoolExceeded(offerId, amount, o.pool - o.claimed);
        // claimedTotal <= pool, a uint112.
        // forge-lint: disable-next-line(unsafe-typecast)
        o.claimed = uint112(claimedTotal);
        _claimed[offerId][patient] = entitled;
        emit Claimed(offerId, patient, amount, entitled);
    }

    /// @dev `pool * weight / totalWeight` for a leaf proven to be in the offer's payout tree.
    function _entitlement(Offer storage o, uint256 offerId, address patient, uint256 weight, bytes32[] calldata proof)
        private
        view
        returns (uint256)
    {
        uint256 totalWeight = o.totalWeight;
        if (totalWeight == 0) revert DataMarketplaceUnknownOffer(offerId);
        if (weight > totalWeight) revert DataMarketplaceWeightExceedsTotal(offerId, weight, totalWeight);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(patient, weight))));
        if (!MerkleProof.verifyCalldata(proof, o.payoutRoot, leaf)) {
            revert DataMarketplaceInvalidProof(offerId, patient, weight);
        }
        return uint256(o.pool) * weight / totalWeight;
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc IDataMarketplace
    function setFee(uint16 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFee(newFeeBps);
    }

    /// @inheritdoc IDataMarketplace
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    /// @inheritdoc IDataMarketplace
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pause();
    }

    /// @inheritdoc IDataMarketplace
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IDataMarketplace
    function offer(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IDataMarketplace
    function claimable(uint256 offerId, address patient, uint256 weight) external view returns (uint256) {
        Offer storage o = _offers[offerId];
        uint256 totalWeight = o.totalWeight;
        if (totalWeight == 0) revert DataMarketplaceUnknownOffer(offerId);
        if (weight > totalWeight) revert DataMarketplaceWeightExceedsTotal(offerId, weight, totalWeight);
        uint256 entitled = uint256(o.pool) * weight / totalWeight;
        uint256 already = _claimed[offerId][patient];
        return entitled > already ? entitled - already : 0;
    }

    /// @inheritdoc IDataMarketplace
    function claimedBy(uint256 offerId, address patient) external view returns (uint256) {
        return _claimed[offerId][patient];
    }

    /// @inheritdoc IDataMarketplace
    function hashAgreement(DataUseAgreement calldata agreement) external view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(DATA_USE_AGREEMENT_TYPEHASH, agreement)));
    }

    // ------------------------------------------------------------------ internals

    function _checkTerms(OfferTerms calldata t) private view {
        if (t.manifestHash == 0 || t.rowsRoot == 0 || t.payoutRoot == 0) {
            revert DataMarketplaceMissingCommitment(t.manifestHash, t.rowsRoot, t.payoutRoot);
        }
        if (t.totalWeight == 0) revert DataMarketplaceZeroTotalWeight();
        if (!Purposes.isValid(t.purpose)) revert DataMarketplaceInvalidPurpose(t.purpose);
        if (t.token.code.length == 0) revert DataMarketplaceInvalidToken(t.token);
        if (t.price == 0) revert DataMarketplaceZeroPrice();
        if (t.endTime != 0 && t.endTime <= block.timestamp) {
            revert DataMarketplaceEndTimePassed(t.endTime, block.timestamp);
        }
    }

    function _transition(uint256 offerId, OfferStatus from, OfferStatus to) private {
        OfferStatus status = _offers[offerId].status;
        if (status == OfferStatus.None) revert DataMarketplaceUnknownOffer(offerId);
        if (status != from) revert DataMarketplaceInvalidTransition(offerId, status, to);
        _setStatus(offerId, to);
    }

    function _setStatus(uint256 offerId, OfferStatus status) private {
        _offers[offerId].status = status;
        emit OfferStatusChanged(offerId, msg.sender, status);
    }

    function _setFee(uint16 newFeeBps) private {
        if (newFeeBps > MAX_FEE_BPS) revert DataMarketplaceFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeChanged(feeBps, newFeeBps);
        feeBps = newFeeBps;
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0) || newTreasury == address(this)) {
            revert DataMarketplaceInvalidTreasury(newTreasury);
        }
        emit TreasuryChanged(treasury, newTreasury);
        treasury = newTreasury;
    }
}
