// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors, IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {DataMarketplace} from "../src/DataMarketplace.sol";
import {IDataMarketplace} from "../src/interfaces/IDataMarketplace.sol";
import {Purposes} from "../src/libraries/Purposes.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {vm} from "./utils/Test.sol";

contract DataMarketplaceTest is MarketplaceFixture {
    bytes32 internal root = keccak256("payout root");

    // ------------------------------------------------------------------ construction

    function test_Constructor_WiresLicenceTreasuryAndFee() public view {
        vm.assertEq(license.marketplace(), address(market), "licence minter");
        vm.assertEq(market.treasury(), treasury, "treasury");
        vm.assertEq(market.feeBps(), FEE_BPS, "fee");
        vm.assertEq(market.nextOfferId(), 1, "ids start at 1");
        vm.assertTrue(market.hasRole(market.DEFAULT_ADMIN_ROLE(), admin), "admin");
        vm.assertFalse(market.paused(), "not paused");
    }

    function test_Constructor_EmitsTreasuryAndFeeForTheIndexer() public {
        vm.expectEmit();
        emit IDataMarketplace.TreasuryChanged(address(0), treasury);
        vm.expectEmit();
        emit IDataMarketplace.FeeChanged(0, 300);
        new DataMarketplace(admin, treasury, 300, "");
    }

    function test_RevertWhen_ConstructorFeeIsAboveTheMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceFeeTooHigh.selector, 1_001, 1_000));
        new DataMarketplace(admin, treasury, 1_001, "");
    }

    function test_RevertWhen_ConstructorTreasuryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidTreasury.selector, address(0)));
        new DataMarketplace(admin, address(0), FEE_BPS, "");
    }

    // ------------------------------------------------------------------ listOffer

    function test_ListOffer_StoresTheTermsAndEmits() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 77);
        t.licenceCap = 5;
        t.endTime = uint40(START + 30 days);
        t.purpose = Purposes.COMMERCIAL_RESEARCH | Purposes.AI_TRAINING;
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferListed(1, curator, 0, t);
        uint256 id = _list(t);

        vm.assertEq(id, 1, "first id");
        vm.assertEq(market.nextOfferId(), 2, "next id");
        IDataMarketplace.Offer memory o = market.offer(id);
        vm.assertEq(o.manifestHash, t.manifestHash, "manifest");
        vm.assertEq(o.rowsRoot, t.rowsRoot, "rows root");
        vm.assertEq(o.payoutRoot, root, "payout root");
        vm.assertEq(o.totalWeight, 77, "total weight");
        vm.assertEq(o.purpose, t.purpose, "purpose");
        vm.assertEq(o.token, address(usd), "token");
        vm.assertEq(o.price, PRICE, "price");
        vm.assertEq(o.licenceCap, 5, "cap");
        vm.assertEq(o.endTime, START + 30 days, "end");
        vm.assertEq(uint8(o.status), uint8(IDataMarketplace.OfferStatus.Active), "status");
        vm.assertEq(o.pool + o.claimed + o.sold, 0, "no sales yet");
    }

    function test_ListOffer_IdsAreSequential() public {
        for (uint256 i = 1; i <= 3; ++i) {
            vm.assertEq(_list(_terms(root, 1)), i, "id");
        }
    }

    function test_ListOffer_ReplacingDelistsTheOldOffer() public {
        uint256 old = _list(_terms(root, 10));
        IDataMarketplace.OfferTerms memory t = _terms(keccak256("rebuilt payout root"), 9);
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferStatusChanged(old, curator, IDataMarketplace.OfferStatus.Delisted);
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferListed(2, curator, old, t);
        vm.prank(curator);
        market.listOffer(t, old);
        vm.assertEq(uint8(market.offer(old).status), uint8(IDataMarketplace.OfferStatus.Delisted), "old delisted");
    }

    function test_ListOffer_ReplacingADelistedOfferOnlyLinksIt() public {
        uint256 old = _list(_terms(root, 10));
        vm.prank(curator);
        market.delistOffer(old);
        vm.recordLogs();
        vm.prank(curator);
        market.listOffer(_terms(root, 10), old);
        vm.assertEq(vm.getRecordedLogs().length, 1, "only OfferListed");
    }

    function test_RevertWhen_ListOfferIsNotByACurator() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        vm.expectRevert(unauthorized(buyer, market.CURATOR_ROLE()));
        vm.prank(buyer);
        market.listOffer(t, 0);
    }

    function test_RevertWhen_ListOfferMissesACommitment() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.rowsRoot = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                IDataMarketplace.DataMarketplaceMissingCommitment.selector, t.manifestHash, bytes32(0), root
            )
        );
        _list(t);
        t = _terms(root, 1);
        t.manifestHash = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                IDataMarketplace.DataMarketplaceMissingCommitment.selector, bytes32(0), t.rowsRoot, root
            )
        );
        _list(t);
        t = _terms(0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDataMarketplace.DataMarketplaceMissingCommitment.selector, t.manifestHash, t.rowsRoot, bytes32(0)
            )
        );
        _list(t);
    }

    function test_RevertWhen_ListOfferHasNoWeight() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 0);
        vm.expectRevert(IDataMarketplace.DataMarketplaceZeroTotalWeight.selector);
        _list(t);
    }

    function test_RevertWhen_ListOfferPurposeIsEmptyOrUndefined() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.purpose = 0;
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidPurpose.selector, uint64(0)));
        _list(t);
        t.purpose = Purposes.ALL + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidPurpose.selector, Purposes.ALL + 1)
        );
        _list(t);
    }

    function test_RevertWhen_ListOfferTokenIsNotAContract() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.token = buyer;
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidToken.selector, buyer));
        _list(t);
    }

    function test_RevertWhen_ListOfferIsFree() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.price = 0;
        vm.expectRevert(IDataMarketplace.DataMarketplaceZeroPrice.selector);
        _list(t);
    }

    function test_RevertWhen_ListOfferEndTimeHasPassed() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.endTime = uint40(START);
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceEndTimePassed.selector, uint40(START), START)
        );
        _list(t);
    }

    function test_RevertWhen_ListOfferReplacesAnUnknownOffer() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 1));
        vm.prank(curator);
        market.listOffer(t, 1);
    }

    // ------------------------------------------------------------------ setPrice

    function test_SetPrice_ChangesThePriceAndEmits() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferPriceChanged(id, curator, PRICE, 5e6);
        vm.prank(curator);
        market.setPrice(id, 5e6);
        vm.assertEq(market.offer(id).price, 5e6, "price");
        _buy(id, buyer);
        vm.assertEq(usd.balanceOf(treasury) + usd.balanceOf(address(market)), 5e6, "new price charged");
    }

    function test_SetPrice_WorksOnAPausedOffer() public {
        uint256 id = _list(_terms(root, 1));
        vm.startPrank(curator);
        market.pauseOffer(id);
        market.setPrice(id, 7);
        vm.stopPrank();
        vm.assertEq(market.offer(id).price, 7, "price");
    }

    function test_RevertWhen_SetPriceOfAnUnknownOffer() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 9));
        vm.prank(curator);
        market.setPrice(9, 1);
    }

    function test_RevertWhen_SetPriceOfADelistedOffer() public {
        uint256 id = _list(_terms(root, 1));
        vm.prank(curator);
        market.delistOffer(id);
        vm.expectRevert(_notActive(id, IDataMarketplace.OfferStatus.Delisted));
        vm.prank(curator);
        market.setPrice(id, 1);
    }

    function test_RevertWhen_SetPriceToZero() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectRevert(IDataMarketplace.DataMarketplaceZeroPrice.selector);
        vm.prank(curator);
        market.setPrice(id, 0);
    }

    function test_RevertWhen_SetPriceIsNotByACurator() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectRevert(unauthorized(admin, market.CURATOR_ROLE()));
        vm.prank(admin);
        market.setPrice(id, 1);
    }

    // ------------------------------------------------------------------ offer status

    function test_PauseOffer_StopsSalesUntilUnpaused() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferStatusChanged(id, curator, IDataMarketplace.OfferStatus.Paused);
        vm.prank(curator);
        market.pauseOffer(id);

        usd.mint(buyer, PRICE);
        vm.prank(buyer);
        usd.approve(address(market), PRICE);
        vm.expectRevert(_notActive(id, IDataMarketplace.OfferStatus.Paused));
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);

        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferStatusChanged(id, curator, IDataMarketplace.OfferStatus.Active);
        vm.prank(curator);
        market.unpauseOffer(id);
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
        vm.assertEq(license.balanceOf(buyer, id), 1, "bought after unpause");
    }

    function test_DelistOffer_EndsSalesForGood() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectEmit(address(market));
        emit IDataMarketplace.OfferStatusChanged(id, curator, IDataMarketplace.OfferStatus.Delisted);
        vm.prank(curator);
        market.delistOffer(id);
        vm.expectRevert(
            _invalidTransition(id, IDataMarketplace.OfferStatus.Delisted, IDataMarketplace.OfferStatus.Active)
        );
        vm.prank(curator);
        market.unpauseOffer(id);
        vm.expectRevert(_notActive(id, IDataMarketplace.OfferStatus.Delisted));
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
    }

    function test_DelistOffer_WorksOnAPausedOffer() public {
        uint256 id = _list(_terms(root, 1));
        vm.startPrank(curator);
        market.pauseOffer(id);
        market.delistOffer(id);
        vm.stopPrank();
        vm.assertEq(uint8(market.offer(id).status), uint8(IDataMarketplace.OfferStatus.Delisted), "delisted");
    }

    function test_RevertWhen_PauseOfferThatIsNotActive() public {
        uint256 id = _list(_terms(root, 1));
        vm.prank(curator);
        market.pauseOffer(id);
        vm.expectRevert(
            _invalidTransition(id, IDataMarketplace.OfferStatus.Paused, IDataMarketplace.OfferStatus.Paused)
        );
        vm.prank(curator);
        market.pauseOffer(id);
    }

    function test_RevertWhen_UnpauseOfferThatIsNotPaused() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectRevert(
            _invalidTransition(id, IDataMarketplace.OfferStatus.Active, IDataMarketplace.OfferStatus.Active)
        );
        vm.prank(curator);
        market.unpauseOffer(id);
    }

    function test_RevertWhen_DelistOfferTwice() public {
        uint256 id = _list(_terms(root, 1));
        vm.prank(curator);
        market.delistOffer(id);
        vm.expectRevert(
            _invalidTransition(id, IDataMarketplace.OfferStatus.Delisted, IDataMarketplace.OfferStatus.Delisted)
        );
        vm.prank(curator);
        market.delistOffer(id);
    }

    function test_RevertWhen_OfferStatusChangesOnAnUnknownOffer() public {
        bytes memory unknown = abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 4);
        vm.startPrank(curator);
        vm.expectRevert(unknown);
        market.pauseOffer(4);
        vm.expectRevert(unknown);
        market.unpauseOffer(4);
        vm.expectRevert(unknown);
        market.delistOffer(4);
        vm.stopPrank();
    }

    function test_RevertWhen_OfferStatusChangesAreNotByACurator() public {
        uint256 id = _list(_terms(root, 1));
        bytes memory denied = unauthorized(buyer, market.CURATOR_ROLE());
        vm.startPrank(buyer);
        vm.expectRevert(denied);
        market.pauseOffer(id);
        vm.expectRevert(denied);
        market.unpauseOffer(id);
        vm.expectRevert(denied);
        market.delistOffer(id);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ purchase

    function test_Purchase_SplitsThePriceMintsTheLicenceAndEmits() public {
        uint256 id = _list(_terms(root, 1));
        uint256 fee = _fee(PRICE);
        usd.mint(buyer, PRICE);
        vm.prank(buyer);
        usd.approve(address(market), PRICE);

        vm.expectEmit(address(usd));
        emit IERC20.Transfer(buyer, treasury, fee);
        vm.expectEmit(address(usd));
        emit IERC20.Transfer(buyer, address(market), PRICE - fee);
        vm.expectEmit(address(license));
        emit IERC1155.TransferSingle(address(market), address(0), buyer, id, 1);
        vm.expectEmit(address(market));
        emit IDataMarketplace.Purchased(id, buyer, AGREEMENT, PRICE, fee, 1);
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);

        vm.assertEq(usd.balanceOf(buyer), 0, "buyer paid");
        vm.assertEq(usd.balanceOf(treasury), fee, "treasury got the fee");
        vm.assertEq(usd.balanceOf(address(market)), PRICE - fee, "marketplace holds the pool");
        IDataMarketplace.Offer memory o = market.offer(id);
        vm.assertEq(o.pool, PRICE - fee, "pool");
        vm.assertEq(o.sold, 1, "sold");
        vm.assertEq(license.balanceOf(buyer, id), 1, "licence");
    }

    function test_Purchase_TwiceGivesTwoLicences() public {
        uint256 id = _list(_terms(root, 1));
        _buy(id, buyer);
        _buy(id, buyer);
        vm.assertEq(license.balanceOf(buyer, id), 2, "licences");
        vm.assertEq(market.offer(id).sold, 2, "sold");
        vm.assertEq(market.offer(id).pool, 2 * (PRICE - _fee(PRICE)), "pool");
    }

    function test_Purchase_WithoutFeePaysEverythingIntoThePool() public {
        vm.prank(admin);
        market.setFee(0);
        uint256 id = _list(_terms(root, 1));
        _buy(id, buyer);
        vm.assertEq(usd.balanceOf(treasury), 0, "no fee");
        vm.assertEq(market.offer(id).pool, PRICE, "whole price pooled");
    }

    function test_Purchase_UpToTheCapAndUntilTheEnd() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.licenceCap = 2;
        t.endTime = uint40(START + 10);
        uint256 id = _list(t);
        _buy(id, buyer);
        vm.warp(START + 9);
        _buy(id, makeAddr("second buyer"));
        vm.assertEq(market.offer(id).sold, 2, "sold out exactly");
    }

    function test_RevertWhen_PurchaseOfAnUnknownOffer() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 3));
        vm.prank(buyer);
        market.purchase(3, AGREEMENT);
    }

    function test_RevertWhen_PurchaseHasNoAgreement() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceMissingAgreement.selector, id));
        vm.prank(buyer);
        market.purchase(id, 0);
    }

    function test_RevertWhen_PurchaseAfterTheEndTime() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.endTime = uint40(START + 10);
        uint256 id = _list(t);
        vm.warp(START + 10);
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceOfferEnded.selector, id, uint40(START + 10))
        );
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
    }

    function test_RevertWhen_PurchaseIsBeyondTheLicenceCap() public {
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.licenceCap = 1;
        uint256 id = _list(t);
        _buy(id, buyer);
        usd.mint(buyer, PRICE);
        vm.prank(buyer);
        usd.approve(address(market), PRICE);
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceSoldOut.selector, id, uint32(1)));
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
    }

    function test_RevertWhen_PurchaseWhileTheMarketplaceIsPaused() public {
        uint256 id = _list(_terms(root, 1));
        vm.prank(admin);
        market.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
    }

    function test_RevertWhen_PurchaseIsNotApproved() public {
        uint256 id = _list(_terms(root, 1));
        usd.mint(buyer, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, _fee(PRICE))
        );
        vm.prank(buyer);
        market.purchase(id, AGREEMENT);
    }

    function test_RevertWhen_PurchaseIsByAContractThatCannotHoldLicences() public {
        uint256 id = _list(_terms(root, 1));
        Bidder bidder = new Bidder(market, false);
        usd.mint(address(bidder), PRICE);
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, address(bidder)));
        bidder.buy(id, usd, PRICE);
    }

    function test_RevertWhen_PurchaseIsReenteredFromTheLicenceCallback() public {
        uint256 id = _list(_terms(root, 1));
        Bidder bidder = new Bidder(market, true);
        usd.mint(address(bidder), 2 * PRICE);
        vm.expectRevert(ReentrancyGuardReentrantCall.selector);
        bidder.buy(id, usd, 2 * PRICE);
    }

    // ------------------------------------------------------------------ purchaseWithPermit

    function test_PurchaseWithPermit_BuysInOneTransaction() public {
        uint256 id = _list(_terms(root, 1));
        usd.mint(buyer, PRICE);
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, START + 1 hours);
        vm.expectEmit(address(market));
        emit IDataMarketplace.Purchased(id, buyer, AGREEMENT, PRICE, _fee(PRICE), 1);
        vm.prank(buyer);
        market.purchaseWithPermit(id, AGREEMENT, PRICE, START + 1 hours, v, r, s);
        vm.assertEq(license.balanceOf(buyer, id), 1, "licence");
        vm.assertEq(usd.allowance(buyer, address(market)), 0, "permit used up");
    }

    function test_PurchaseWithPermit_SurvivesAFrontRunPermit() public {
        uint256 id = _list(_terms(root, 1));
        usd.mint(buyer, PRICE);
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, START + 1 hours);
        usd.permit(buyer, address(market), PRICE, START + 1 hours, v, r, s); // copied from the mempool
        vm.prank(buyer);
        market.purchaseWithPermit(id, AGREEMENT, PRICE, START + 1 hours, v, r, s);
        vm.assertEq(license.balanceOf(buyer, id), 1, "licence");
    }

    function test_RevertWhen_PurchaseWithPermitPriceWasRaised() public {
        uint256 id = _list(_terms(root, 1));
        usd.mint(buyer, 2 * PRICE);
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, START + 1 hours);
        vm.prank(curator);
        market.setPrice(id, PRICE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplacePriceAboveLimit.selector, id, PRICE + 1, PRICE)
        );
        vm.prank(buyer);
        market.purchaseWithPermit(id, AGREEMENT, PRICE, START + 1 hours, v, r, s);
    }

    function test_RevertWhen_PurchaseWithPermitOfAnUnknownOffer() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceUnknownOffer.selector, 2));
        vm.prank(buyer);
        market.purchaseWithPermit(2, AGREEMENT, PRICE, START, 27, 0, 0);
    }

    function test_RevertWhen_PurchaseWithPermitHasABadPermitAndNoAllowance() public {
        uint256 id = _list(_terms(root, 1));
        usd.mint(buyer, PRICE);
        (uint8 v, bytes32 r, bytes32 s) = _permit(PRICE, START - 1); // expired
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, _fee(PRICE))
        );
        vm.prank(buyer);
        market.purchaseWithPermit(id, AGREEMENT, PRICE, START - 1, v, r, s);
    }

    // ------------------------------------------------------------------ administration

    function test_SetFee_AppliesToLaterPurchasesAndEmits() public {
        vm.expectEmit(address(market));
        emit IDataMarketplace.FeeChanged(FEE_BPS, 1_000);
        vm.prank(admin);
        market.setFee(1_000);
        uint256 id = _list(_terms(root, 1));
        _buy(id, buyer);
        vm.assertEq(usd.balanceOf(treasury), PRICE / 10, "10% fee");
    }

    function test_RevertWhen_SetFeeIsAboveTheMaximum() public {
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceFeeTooHigh.selector, 1_001, 1_000));
        vm.prank(admin);
        market.setFee(1_001);
    }

    function test_RevertWhen_SetFeeIsNotByTheAdmin() public {
        vm.expectRevert(unauthorized(curator, bytes32(0)));
        vm.prank(curator);
        market.setFee(0);
    }

    function test_SetTreasury_RedirectsTheFeeAndEmits() public {
        address vault = makeAddr("vault");
        vm.expectEmit(address(market));
        emit IDataMarketplace.TreasuryChanged(treasury, vault);
        vm.prank(admin);
        market.setTreasury(vault);
        uint256 id = _list(_terms(root, 1));
        _buy(id, buyer);
        vm.assertEq(usd.balanceOf(vault), _fee(PRICE), "fee to the new treasury");
        vm.assertEq(usd.balanceOf(treasury), 0, "none to the old");
    }

    function test_RevertWhen_SetTreasuryIsZeroOrTheMarketplace() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidTreasury.selector, address(0)));
        market.setTreasury(address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidTreasury.selector, address(market))
        );
        market.setTreasury(address(market));
        vm.stopPrank();
    }

    function test_RevertWhen_SetTreasuryIsNotByTheAdmin() public {
        vm.expectRevert(unauthorized(curator, bytes32(0)));
        vm.prank(curator);
        market.setTreasury(curator);
    }

    function test_Pause_StopsAndResumesTheMarketplace() public {
        uint256 id = _list(_terms(root, 1));
        vm.expectEmit(address(market));
        emit Pausable.Paused(admin);
        vm.prank(admin);
        market.pause();
        vm.assertTrue(market.paused(), "paused");
        vm.expectEmit(address(market));
        emit Pausable.Unpaused(admin);
        vm.prank(admin);
        market.unpause();
        _buy(id, buyer);
        vm.assertEq(license.balanceOf(buyer, id), 1, "sales resumed");
    }

    function test_RevertWhen_PauseIsNotByTheAdmin() public {
        bytes memory denied = unauthorized(curator, bytes32(0));
        vm.expectRevert(denied);
        vm.prank(curator);
        market.pause();
        vm.prank(admin);
        market.pause();
        vm.expectRevert(denied);
        vm.prank(curator);
        market.unpause();
    }

    function test_RevertWhen_PauseTwice() public {
        vm.prank(admin);
        market.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(admin);
        market.pause();
    }

    // ------------------------------------------------------------------ views

    function test_Offer_UnknownIsAllZero() public view {
        IDataMarketplace.Offer memory o = market.offer(42);
        vm.assertEq(uint8(o.status), 0, "status none");
        vm.assertEq(o.token, address(0), "no token");
    }

    function test_HashAgreement_IsTheEip712DigestOfTheDocumentedType() public view {
        IDataMarketplace.DataUseAgreement memory a = IDataMarketplace.DataUseAgreement({
            offerId: 3,
            buyer: buyer,
            manifestHash: keccak256("manifest.json"),
            purpose: Purposes.CLINICAL_TRIALS,
            token: address(usd),
            price: PRICE,
            termsHash: keccak256("terms v1"),
            signedAt: uint64(START)
        });
        bytes32 typeHash = keccak256(
            "DataUseAgreement(uint256 offerId,address buyer,bytes32 manifestHash,uint64 purpose,address token,uint256 price,bytes32 termsHash,uint64 signedAt)"
        );
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("EmrMarket DataMarketplace"),
                keccak256("1"),
                block.chainid,
                address(market)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                typeHash, a.offerId, a.buyer, a.manifestHash, a.purpose, a.token, a.price, a.termsHash, a.signedAt
            )
        );
        vm.assertEq(market.DATA_USE_AGREEMENT_TYPEHASH(), typeHash, "type hash");
        vm.assertEq(
            market.hashAgreement(a), keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash)), "digest"
        );
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_Purchase_SplitsAnyPriceAtAnyFee(uint96 price, uint16 feeBps) public {
        price = uint96(bound(price, 1, type(uint96).max));
        feeBps = uint16(bound(feeBps, 0, market.MAX_FEE_BPS()));
        vm.prank(admin);
        market.setFee(feeBps);
        IDataMarketplace.OfferTerms memory t = _terms(root, 1);
        t.price = price;
        uint256 id = _list(t);
        _buy(id, buyer);
        uint256 fee = uint256(price) * feeBps / 10_000;
        vm.assertEq(usd.balanceOf(treasury), fee, "fee");
        vm.assertEq(market.offer(id).pool, price - fee, "pool");
        vm.assertEq(usd.balanceOf(address(market)) + usd.balanceOf(treasury), price, "nothing lost or made");
        vm.assertLe(fee * 10, price, "fee at most 10%");
    }

    function testFuzz_RevertWhen_SetFeeIsAboveTheMaximum(uint16 feeBps) public {
        feeBps = uint16(bound(feeBps, 1_001, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(IDataMarketplace.DataMarketplaceFeeTooHigh.selector, feeBps, 1_000));
        vm.prank(admin);
        market.setFee(feeBps);
    }

    function testFuzz_SetPrice_IsWhatTheNextBuyerPays(uint96 newPrice) public {
        newPrice = uint96(bound(newPrice, 1, type(uint96).max));
        uint256 id = _list(_terms(root, 1));
        vm.prank(curator);
        market.setPrice(id, newPrice);
        _buy(id, buyer);
        vm.assertEq(usd.balanceOf(treasury) + usd.balanceOf(address(market)), newPrice, "paid");
    }

    // ------------------------------------------------------------------ helpers

    error ReentrancyGuardReentrantCall();

    function _invalidTransition(uint256 id, IDataMarketplace.OfferStatus from, IDataMarketplace.OfferStatus to)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(IDataMarketplace.DataMarketplaceInvalidTransition.selector, id, from, to);
    }

    function _notActive(uint256 id, IDataMarketplace.OfferStatus status) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDataMarketplace.DataMarketplaceOfferNotActive.selector, id, status);
    }

    function _permit(uint256 value, uint256 deadline) internal view returns (uint8, bytes32, bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                buyer,
                address(market),
                value,
                usd.nonces(buyer),
                deadline
            )
        );
        return vm.sign(buyerKey, keccak256(abi.encodePacked(hex"1901", usd.DOMAIN_SEPARATOR(), structHash)));
    }
}

/// @notice A buyer contract: accepts licences or not, and may try to buy again from inside the callback.
contract Bidder {
    DataMarketplace private immutable _market;
    bool private immutable _reenter;
    uint256 private _offerId;

    constructor(DataMarketplace market_, bool reenter) {
        _market = market_;
        _reenter = reenter;
    }

    function buy(uint256 offerId, IERC20 token, uint256 allowance) external {
        _offerId = offerId;
        token.approve(address(_market), allowance);
        _market.purchase(offerId, keccak256("agreement"));
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external returns (bytes4) {
        if (!_reenter) return 0;
        _market.purchase(_offerId, keccak256("agreement"));
        return this.onERC1155Received.selector;
    }
}
