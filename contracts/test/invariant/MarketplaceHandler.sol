// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {DataLicense} from "../../src/DataLicense.sol";
import {DataMarketplace} from "../../src/DataMarketplace.sol";
import {IDataMarketplace} from "../../src/interfaces/IDataMarketplace.sol";
import {Purposes} from "../../src/libraries/Purposes.sol";
import {TestDollar} from "../../src/TestDollar.sol";
import {PayoutTree} from "../utils/PayoutTree.sol";
import {vm} from "../utils/Test.sol";

/// @notice Drives the marketplace with random purchases, claims, price, fee and status changes and attempts
/// to move licences, and keeps the ghost totals the invariants compare the contracts with.
contract MarketplaceHandler {
    DataMarketplace public immutable market;
    DataLicense public immutable license;
    TestDollar public immutable usd;
    address public immutable admin;
    address public immutable treasury;
    address public immutable curator;

    uint256 public constant OFFERS = 3;
    uint256 public constant PATIENTS = 6;
    uint256 public constant BUYERS = 3;

    address[PATIENTS] public patients;
    address[BUYERS] public buyers;
    // Per offer: who is in its payout tree, with which weight, and the leaves for proofs.
    mapping(uint256 offerId => uint256[PATIENTS]) internal _weights;
    mapping(uint256 offerId => bytes32[]) internal _leaves;
    mapping(uint256 offerId => address[]) internal _members;

    // Ghosts.
    mapping(uint256 offerId => uint256) public paid;
    mapping(uint256 offerId => uint256) public fees;
    mapping(uint256 offerId => uint256) public claimed;
    mapping(address buyer => mapping(uint256 offerId => uint256)) public purchases;
    uint256 public calls;

    constructor(DataMarketplace market_, TestDollar usd_, address admin_, address curator_) {
        market = market_;
        license = market_.license();
        usd = usd_;
        admin = admin_;
        treasury = market_.treasury();
        curator = curator_;
        for (uint256 i; i < PATIENTS; ++i) {
            patients[i] = address(uint160(0xA11CE0 + i));
        }
        for (uint256 i; i < BUYERS; ++i) {
            buyers[i] = address(uint160(0xB0B0 + i));
        }
        // Offer 1: everyone, weights 1, 2, 3, 5, 8, 13. Offer 2: three patients, one weight each.
        // Offer 3: a wrong tree whose weights add up to more than the listed total.
        uint256[PATIENTS] memory w1 = [uint256(1), 2, 3, 5, 8, 13];
        uint256[PATIENTS] memory w2 = [uint256(0), 1, 0, 1, 0, 1];
        uint256[PATIENTS] memory w3 = [uint256(4), 4, 4, 0, 0, 0];
        _listOffer(w1, 32);
        _listOffer(w2, 3);
        _listOffer(w3, 10);
    }

    // ------------------------------------------------------------------ actions

    function purchase(uint256 offerSeed, uint256 buyerSeed) external {
        ++calls;
        uint256 id = 1 + offerSeed % OFFERS;
        address buyer = buyers[buyerSeed % BUYERS];
        IDataMarketplace.Offer memory o = market.offer(id);
        if (o.status != IDataMarketplace.OfferStatus.Active) return;
        usd.mint(buyer, o.price);
        vm.prank(buyer);
        usd.approve(address(market), o.price);
        uint256 treasuryBefore = usd.balanceOf(treasury);
        vm.prank(buyer);
        market.purchase(id, keccak256(abi.encode(buyer, id)));
        paid[id] += o.price;
        fees[id] += usd.balanceOf(treasury) - treasuryBefore;
        ++purchases[buyer][id];
    }

    function claim(uint256 patientSeed, uint256 offerMask) external {
        ++calls;
        address patient = patients[patientSeed % PATIENTS];
        IDataMarketplace.Claim[] memory cs = new IDataMarketplace.Claim[](OFFERS);
        uint256 n;
        for (uint256 id = 1; id <= OFFERS; ++id) {
            if ((offerMask >> id) & 1 == 0) continue;
            (bool member, uint256 index) = _indexOf(id, patient);
            if (!member) continue;
            cs[n++] =
                IDataMarketplace.Claim(id, _weights[id][patientSeed % PATIENTS], PayoutTree.proof(_leaves[id], index));
        }
        if (n == 0) return;
        assembly ("memory-safe") {
            mstore(cs, n)
        }
        uint256[OFFERS + 1] memory before;
        for (uint256 id = 1; id <= OFFERS; ++id) {
            before[id] = market.claimedBy(id, patient);
        }
        try market.claim(patient, cs) {
            for (uint256 id = 1; id <= OFFERS; ++id) {
                claimed[id] += market.claimedBy(id, patient) - before[id];
            }
        } catch (bytes memory reason) {
            // Only the wrong tree of offer 3 may run out of pool.
            require(bytes4(reason) == IDataMarketplace.DataMarketplacePoolExceeded.selector, "unexpected revert");
        }
    }

    function setFee(uint16 feeBps) external {
        ++calls;
        uint16 fee = uint16(feeBps % (market.MAX_FEE_BPS() + 1));
        vm.prank(admin);
        market.setFee(fee);
    }

    function setPrice(uint256 offerSeed, uint96 price) external {
        ++calls;
        uint256 id = 1 + offerSeed % OFFERS;
        vm.prank(curator);
        market.setPrice(id, uint96(1 + price % 1e15));
    }

    function toggleOffer(uint256 offerSeed) external {
        ++calls;
        uint256 id = 1 + offerSeed % OFFERS;
        bool active = market.offer(id).status == IDataMarketplace.OfferStatus.Active;
        vm.prank(curator);
        if (active) market.pauseOffer(id);
        else market.unpauseOffer(id);
    }

    /// @notice Every way to move a licence other than buying one; all must fail.
    function moveLicence(uint256 buyerSeed, uint256 offerSeed, uint256 how) external {
        ++calls;
        address holder = buyers[buyerSeed % BUYERS];
        address to = buyers[(buyerSeed % BUYERS + 1) % BUYERS];
        uint256 id = 1 + offerSeed % OFFERS;
        bool moved;
        vm.prank(holder);
        if (how % 4 == 0) {
            try license.safeTransferFrom(holder, to, id, 1, "") {
                moved = true;
            } catch {}
        } else if (how % 4 == 1) {
            uint256[] memory ids = new uint256[](1);
            uint256[] memory values = new uint256[](1);
            ids[0] = id;
            values[0] = 1;
            try license.safeBatchTransferFrom(holder, to, ids, values, "") {
                moved = true;
            } catch {}
        } else if (how % 4 == 2) {
            try license.setApprovalForAll(to, true) {
                moved = true;
            } catch {}
        } else {
            try license.mint(holder, id) {
                moved = true;
            } catch {}
        }
        require(!moved, "a licence moved outside a purchase");
    }

    // ------------------------------------------------------------------ views for the invariants

    function weightOf(uint256 offerId, uint256 patientIndex) external view returns (uint256) {
        return _weights[offerId][patientIndex];
    }

    // ------------------------------------------------------------------ internals

    function _listOffer(uint256[PATIENTS] memory weights, uint96 totalWeight) private {
        uint256 id = market.nextOfferId();
        for (uint256 i; i < PATIENTS; ++i) {
            if (weights[i] == 0) continue;
            _members[id].push(patients[i]);
            _leaves[id].push(PayoutTree.leaf(patients[i], weights[i]));
        }
        _weights[id] = weights;
        vm.prank(curator);
        market.listOffer(
            IDataMarketplace.OfferTerms({
                manifestHash: keccak256(abi.encode("manifest", id)),
                rowsRoot: keccak256(abi.encode("rows", id)),
                payoutRoot: PayoutTree.root(_leaves[id]),
                totalWeight: totalWeight,
                purpose: Purposes.ACADEMIC_RESEARCH,
                token: address(usd),
                price: uint96(1_000e6 + id),
                licenceCap: 0,
                endTime: 0
            }),
            0
        );
    }

    function _indexOf(uint256 offerId, address patient) private view returns (bool, uint256) {
        address[] storage members = _members[offerId];
        for (uint256 i; i < members.length; ++i) {
            if (members[i] == patient) return (true, i);
        }
        return (false, 0);
    }
}
