// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IDataMarketplace} from "../src/interfaces/IDataMarketplace.sol";
import {TestDollar} from "../src/TestDollar.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {PayoutTree} from "./utils/PayoutTree.sol";
import {vm} from "./utils/Test.sol";
import {Vm} from "./utils/Vm.sol";

contract DataMarketplaceClaimTest is MarketplaceFixture {
    uint256 internal constant POOL_PER_SALE = PRICE - PRICE * FEE_BPS / 10_000;

    function test_Claim_PaysTheWeightedShareAndEmits() public {
        Payees memory p = _payees(4); // weights 1..4, total 10
        uint256 id = _list(p);
        _buy(id, buyer);
        uint256 share = POOL_PER_SALE * 3 / 10;

        vm.expectEmit(address(market));
        emit IDataMarketplace.Claimed(id, p.patients[2], share, share);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(address(market), p.patients[2], share);
        market.claim(p.patients[2], _one(_claimFor(p, 2, id)));

        vm.assertEq(usd.balanceOf(p.patients[2]), share, "paid");
        vm.assertEq(market.claimedBy(id, p.patients[2]), share, "booked");
        vm.assertEq(market.offer(id).claimed, share, "offer total");
    }

    function test_Claim_IsCumulativeAsThePoolGrows() public {
        Payees memory p = _payees(3); // total 6
        uint256 id = _list(p);
        _buy(id, buyer);
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        _buy(id, makeAddr("second buyer"));
        uint256 first = POOL_PER_SALE / 6;
        uint256 total = 2 * POOL_PER_SALE / 6;

        vm.expectEmit(address(market));
        emit IDataMarketplace.Claimed(id, p.patients[0], total - first, total);
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.assertEq(usd.balanceOf(p.patients[0]), total, "paid in two parts");
    }

    function test_Claim_AgainWithNothingNewPaysNothing() public {
        Payees memory p = _payees(2);
        uint256 id = _list(p);
        _buy(id, buyer);
        market.claim(p.patients[1], _one(_claimFor(p, 1, id)));
        uint256 before = usd.balanceOf(p.patients[1]);
        vm.recordLogs();
        market.claim(p.patients[1], _one(_claimFor(p, 1, id)));
        vm.assertEq(vm.getRecordedLogs().length, 0, "no event, no transfer");
        vm.assertEq(usd.balanceOf(p.patients[1]), before, "nothing paid");
    }

    function test_Claim_BeforeAnySaleIsANoOp() public {
        Payees memory p = _payees(2);
        uint256 id = _list(p);
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.assertEq(market.claimedBy(id, p.patients[0]), 0, "nothing booked");
    }

    function test_Claim_ManyOffersPaysOnceForEachToken() public {
        Payees memory p = _payees(2);
        TestDollar euro = new TestDollar(address(this));
        uint256 a = _list(p);
        uint256 b = _list(p);
        IDataMarketplace.OfferTerms memory t = _terms(p.root, p.totalWeight);
        t.token = address(euro);
        uint256 c = _list(t);
        _buy(a, buyer);
        _buy(b, buyer);
        euro.mint(buyer, PRICE);
        vm.prank(buyer);
        euro.approve(address(market), PRICE);
        vm.prank(buyer);
        market.purchase(c, AGREEMENT);

        IDataMarketplace.Claim[] memory cs = new IDataMarketplace.Claim[](3);
        cs[0] = _claimFor(p, 1, a);
        cs[1] = _claimFor(p, 1, c);
        cs[2] = _claimFor(p, 1, b);
        vm.recordLogs();
        market.claim(p.patients[1], cs);

        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 share = POOL_PER_SALE * 2 / 3;
        vm.assertEq(usd.balanceOf(p.patients[1]), 2 * share, "two dollar offers");
        vm.assertEq(euro.balanceOf(p.patients[1]), share, "one euro offer");
        vm.assertEq(_count(logs, IERC20.Transfer.selector), 2, "one transfer per token");
        vm.assertEq(_count(logs, IDataMarketplace.Claimed.selector), 3, "one Claimed per offer");
    }

    function test_Claim_MayBeSubmittedByAnyoneButPaysThePatient() public {
        Payees memory p = _payees(2);
        uint256 id = _list(p);
        _buy(id, buyer);
        address relayer = makeAddr("relayer");
        vm.prank(relayer);
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.assertEq(usd.balanceOf(relayer), 0, "relayer gets nothing");
        vm.assertEq(usd.balanceOf(p.patients[0]), POOL_PER_SALE / 3, "patient paid");
    }

    function test_Claim_DelistedOfferStaysClaimable() public {
        Payees memory p = _payees(1);
        uint256 id = _list(p);
        _buy(id, buyer);
        vm.prank(curator);
        market.delistOffer(id);
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.assertEq(usd.balanceOf(p.patients[0]), POOL_PER_SALE, "whole pool to the only patient");
    }

    function test_Claim_RoundingNeverPaysMoreThanThePool() public {
        uint256[] memory weights = new uint256[](3);
        weights[0] = weights[1] = weights[2] = 1;
        Payees memory p = _payees(weights);
        IDataMarketplace.OfferTerms memory t = _terms(p.root, 3);
        t.price = 100; // fee 2 (2.5% rounded down), pool 98: 98 / 3 leaves 2 behind
        uint256 id = _list(t);
        _buy(id, buyer);
        for (uint256 i; i < 3; ++i) {
            market.claim(p.patients[i], _one(_claimFor(p, i, id)));
        }
        IDataMarketplace.Offer memory o = market.offer(id);
        vm.assertEq(o.pool, 98, "pool");
        vm.assertEq(o.claimed, 96, "claimed: 32 each");
        vm.assertEq(usd.balanceOf(address(market)), 2, "dust stays");
    }

    function test_Claimable_IsWhatClaimPays() public {
        Payees memory p = _payees(5);
        uint256 id = _list(p);
        _buy(id, buyer);
        uint256 expected = market.claimable(id, p.patients[4], p.weights[4]);
        vm.assertEq(expected, POOL_PER_SALE * 5 / 15, "claimable");
        market.claim(p.patients[4], _one(_claimFor(p, 4, id)));
        vm.assertEq(usd.balanceOf(p.patients[4]), expected, "paid");
        vm.assertEq(market.claimable(id, p.patients[4], p.weights[4]), 0, "nothing left");
    }

    function test_RevertWhen_ClaimableOfAnUnknownOfferOrTooMuchWeight() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 1));
        market.claimable(1, buyer, 1);
        Payees memory p = _payees(2);
        uint256 id = _list(p);
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceWeightExceedsTotal.selector, id, 4, 3));
        market.claimable(id, buyer, 4);
    }

    function test_RevertWhen_ClaimHasNoOffers() public {
        vm.expectRevert(IDataMarketplace.DataMarketplaceNoClaims.selector);
        market.claim(buyer, new IDataMarketplace.Claim[](0));
    }

    function test_RevertWhen_ClaimNamesAnUnknownOffer() public {
        Payees memory p = _payees(2);
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 7));
        market.claim(p.patients[0], _one(_claimFor(p, 0, 7)));
    }

    function test_RevertWhen_ClaimWeightIsAboveTheTotal() public {
        Payees memory p = _payees(2);
        uint256 id = _list(p);
        IDataMarketplace.Claim memory c = _claimFor(p, 0, id);
        c.weight = 4;
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceWeightExceedsTotal.selector, id, 4, 3));
        market.claim(p.patients[0], _one(c));
    }

    function test_RevertWhen_ClaimProofDoesNotMatch() public {
        Payees memory p = _payees(4);
        uint256 id = _list(p);
        _buy(id, buyer);
        IDataMarketplace.Claim memory c = _claimFor(p, 0, id);
        c.weight = 2; // someone else's weight
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidProof.selector, id, p.patients[0], 2)
        );
        market.claim(p.patients[0], _one(c));
        // A valid proof, but for another patient.
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidProof.selector, id, buyer, 1));
        market.claim(buyer, _one(_claimFor(p, 0, id)));
        // The right leaf with a truncated proof.
        c = _claimFor(p, 3, id);
        bytes32[] memory shorter = new bytes32[](c.proof.length - 1);
        for (uint256 i; i < shorter.length; ++i) {
            shorter[i] = c.proof[i];
        }
        c.proof = shorter;
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidProof.selector, id, p.patients[3], 4)
        );
        market.claim(p.patients[3], _one(c));
    }

    function test_RevertWhen_ClaimWouldExceedThePool() public {
        // A wrong tree: its weights (2 + 2) add up to more than the listed total (3).
        uint256[] memory weights = new uint256[](2);
        weights[0] = weights[1] = 2;
        Payees memory p = _payees(weights);
        uint256 id = _list(_terms(p.root, 3));
        _buy(id, buyer);
        uint256 share = POOL_PER_SALE * 2 / 3;
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.expectRevert(
            abi.encodeWithSelector(
                IDataMarketplace.DataMarketplacePoolExceeded.selector, id, share, POOL_PER_SALE - share
            )
        );
        market.claim(p.patients[1], _one(_claimFor(p, 1, id)));
    }

    function test_Claim_GoesOnWhileTheMarketplaceIsPaused() public {
        Payees memory p = _payees(1);
        uint256 id = _list(p);
        _buy(id, buyer);
        vm.prank(admin);
        market.pause();
        market.claim(p.patients[0], _one(_claimFor(p, 0, id)));
        vm.assertEq(usd.balanceOf(p.patients[0]), POOL_PER_SALE, "paid while paused");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_Claim_EveryoneGetsTheirShareAndNoMore(uint256 seed, uint8 size, uint8 sales, uint96 price)
        public
    {
        uint256 n = bound(size, 1, 16);
        uint256[] memory weights = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            weights[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e18);
        }
        Payees memory p = _payees(weights);
        IDataMarketplace.OfferTerms memory t = _terms(p.root, p.totalWeight);
        t.price = uint96(bound(price, 1, 1e30));
        uint256 id = _list(t);
        sales = uint8(bound(sales, 1, 4));
        for (uint256 s; s < sales; ++s) {
            _buy(id, buyer);
        }

        uint256 pool = market.offer(id).pool;
        uint256 paid;
        for (uint256 i; i < n; ++i) {
            market.claim(p.patients[i], _one(_claimFor(p, i, id)));
            uint256 got = usd.balanceOf(p.patients[i]);
            vm.assertEq(got, pool * weights[i] / p.totalWeight, "exact share, rounded down");
            paid += got;
        }
        vm.assertLe(paid, pool, "claims within the pool");
        vm.assertLt(pool - paid, n, "less than one unit of dust per patient");
        vm.assertEq(market.offer(id).claimed, paid, "offer total");
    }

    function testFuzz_Claim_InterleavedWithSalesPaysTheSameAsAtTheEnd(uint256 pattern, uint96 price) public {
        Payees memory p = _payees(3);
        IDataMarketplace.OfferTerms memory t = _terms(p.root, p.totalWeight);
        t.price = uint96(bound(price, 1, 1e24));
        uint256 id = _list(t);
        for (uint256 step; step < 8; ++step) {
            if ((pattern >> step) & 1 == 1) _buy(id, buyer);
            market.claim(p.patients[step % 3], _one(_claimFor(p, step % 3, id)));
        }
        for (uint256 i; i < 3; ++i) {
            market.claim(p.patients[i], _one(_claimFor(p, i, id)));
        }
        uint256 pool = market.offer(id).pool;
        for (uint256 i; i < 3; ++i) {
            vm.assertEq(usd.balanceOf(p.patients[i]), pool * p.weights[i] / 6, "same as one claim at the end");
        }
    }

    // ------------------------------------------------------------------ helpers

    function _count(Vm.Log[] memory logs, bytes32 topic) private pure returns (uint256 n) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == topic) ++n;
        }
    }
}
