// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DataLicense} from "../../src/DataLicense.sol";
import {DataMarketplace} from "../../src/DataMarketplace.sol";
import {IDataMarketplace} from "../../src/interfaces/IDataMarketplace.sol";
import {Purposes} from "../../src/libraries/Purposes.sol";
import {TestDollar} from "../../src/TestDollar.sol";
import {PayoutTree} from "./PayoutTree.sol";
import {Test, vm} from "./Test.sol";

/// @notice A deployed marketplace with a curator, a test dollar and helpers to list, buy and claim.
abstract contract MarketplaceFixture is Test {
    DataMarketplace internal market;
    DataLicense internal license;
    TestDollar internal usd;

    address internal admin;
    address internal treasury;
    address internal curator;
    uint256 internal buyerKey;
    address internal buyer;

    uint16 internal constant FEE_BPS = 250;
    uint96 internal constant PRICE = 1_000e6;
    uint256 internal constant START = 1_700_000_000;
    bytes32 internal constant AGREEMENT = keccak256("data use agreement v1, signed by the buyer");

    function setUp() public virtual {
        vm.warp(START);
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        curator = makeAddr("curator");
        buyerKey = keyOf("buyer");
        buyer = makeAddr("buyer");
        usd = new TestDollar(address(this));
        market = new DataMarketplace(admin, treasury, FEE_BPS, "https://emrmarket.local/licences/{id}.json");
        license = market.license();
        bytes32 curatorRole = market.CURATOR_ROLE();
        vm.prank(admin);
        market.grantRole(curatorRole, curator);
    }

    // ------------------------------------------------------------------ payout trees

    struct Payees {
        address[] patients;
        uint256[] weights;
        bytes32[] leaves;
        bytes32 root;
        uint96 totalWeight;
    }

    /// @notice `n` patients named "patient i" with weights 1..n (or `weights` when given).
    function _payees(uint256 n) internal returns (Payees memory p) {
        uint256[] memory weights = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            weights[i] = i + 1;
        }
        return _payees(weights);
    }

    function _payees(uint256[] memory weights) internal returns (Payees memory p) {
        p.patients = new address[](weights.length);
        p.weights = weights;
        uint256 total;
        for (uint256 i; i < weights.length; ++i) {
            p.patients[i] = makeAddr(string.concat("patient ", vm.toString(i)));
            total += weights[i];
        }
        p.totalWeight = uint96(total);
        p.leaves = PayoutTree.leaves(p.patients, weights);
        p.root = PayoutTree.root(p.leaves);
    }

    function _claimFor(Payees memory p, uint256 index, uint256 offerId)
        internal
        pure
        returns (IDataMarketplace.Claim memory)
    {
        return IDataMarketplace.Claim(offerId, p.weights[index], PayoutTree.proof(p.leaves, index));
    }

    function _one(IDataMarketplace.Claim memory c) internal pure returns (IDataMarketplace.Claim[] memory cs) {
        cs = new IDataMarketplace.Claim[](1);
        cs[0] = c;
    }

    // ------------------------------------------------------------------ offers

    function _terms(bytes32 payoutRoot, uint96 totalWeight) internal view returns (IDataMarketplace.OfferTerms memory) {
        return IDataMarketplace.OfferTerms({
            manifestHash: keccak256("manifest.json"),
            rowsRoot: keccak256("rows"),
            payoutRoot: payoutRoot,
            totalWeight: totalWeight,
            purpose: Purposes.ACADEMIC_RESEARCH,
            token: address(usd),
            price: PRICE,
            licenceCap: 0,
            endTime: 0
        });
    }

    function _list(IDataMarketplace.OfferTerms memory terms) internal returns (uint256 offerId) {
        vm.prank(curator);
        offerId = market.listOffer(terms, 0);
    }

    function _list(Payees memory p) internal returns (uint256) {
        return _list(_terms(p.root, p.totalWeight));
    }

    /// @notice Funds `who` with the offer's price, approves it and buys one licence.
    function _buy(uint256 offerId, address who) internal {
        uint256 price = market.offer(offerId).price;
        usd.mint(who, price);
        vm.prank(who);
        usd.approve(address(market), price);
        vm.prank(who);
        market.purchase(offerId, AGREEMENT);
    }

    function _fee(uint256 price) internal pure returns (uint256) {
        return price * FEE_BPS / 10_000;
    }
}
