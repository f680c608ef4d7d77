// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DataMarketplace} from "../../src/DataMarketplace.sol";
import {IDataMarketplace} from "../../src/interfaces/IDataMarketplace.sol";
import {TestDollar} from "../../src/TestDollar.sol";
import {Test, vm} from "../utils/Test.sol";
import {MarketplaceHandler} from "./MarketplaceHandler.sol";

/// @notice The handler never reverts on its own; a revert is a broken expectation, so it fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract MarketplaceInvariantsTest is Test {
    MarketplaceHandler internal handler;
    DataMarketplace internal market;
    TestDollar internal usd;

    function setUp() public {
        address admin = makeAddr("admin");
        address curator = makeAddr("curator");
        market = new DataMarketplace(admin, makeAddr("treasury"), 250, "");
        bytes32 curatorRole = market.CURATOR_ROLE();
        vm.prank(admin);
        market.grantRole(curatorRole, curator);
        usd = new TestDollar(address(0xD011A5));
        handler = new MarketplaceHandler(market, usd, admin, curator);
        vm.prank(address(0xD011A5));
        usd.transferOwnership(address(handler));
        targetContract(address(handler));
    }

    /// @notice Per offer: the patients' claims plus the platform fees never exceed what buyers paid, and the
    /// pool is exactly what buyers paid minus the fees.
    function invariant_ClaimsPlusFeesNeverExceedPayments() public view {
        for (uint256 id = 1; id <= handler.OFFERS(); ++id) {
            IDataMarketplace.Offer memory o = market.offer(id);
            vm.assertLe(handler.claimed(id) + handler.fees(id), handler.paid(id), "claims + fees <= paid");
            vm.assertEq(o.pool, handler.paid(id) - handler.fees(id), "pool = paid - fees");
            vm.assertEq(o.claimed, handler.claimed(id), "claimed total");
            vm.assertLe(o.claimed, o.pool, "claimed <= pool");
        }
    }

    /// @notice No patient has ever been paid more than their share of the pool as it stands.
    function invariant_NoPatientClaimsMoreThanTheirShare() public view {
        for (uint256 id = 1; id <= handler.OFFERS(); ++id) {
            IDataMarketplace.Offer memory o = market.offer(id);
            for (uint256 i; i < handler.PATIENTS(); ++i) {
                uint256 share = uint256(o.pool) * handler.weightOf(id, i) / o.totalWeight;
                vm.assertLe(market.claimedBy(id, handler.patients(i)), share, "claimed <= share");
            }
        }
    }

    /// @notice The marketplace holds exactly the unclaimed part of every pool.
    function invariant_MarketplaceHoldsTheUnclaimedPools() public view {
        uint256 unclaimed;
        for (uint256 id = 1; id <= handler.OFFERS(); ++id) {
            IDataMarketplace.Offer memory o = market.offer(id);
            unclaimed += o.pool - o.claimed;
        }
        vm.assertEq(usd.balanceOf(address(market)), unclaimed, "balance = unclaimed pools");
    }

    /// @notice A licence balance is the number of purchases, whatever else was tried.
    function invariant_LicencesChangeOnlyByPurchase() public view {
        for (uint256 b; b < handler.BUYERS(); ++b) {
            address buyer = handler.buyers(b);
            for (uint256 id = 1; id <= handler.OFFERS(); ++id) {
                vm.assertEq(
                    handler.license().balanceOf(buyer, id), handler.purchases(buyer, id), "licences = purchases"
                );
            }
        }
    }
}
