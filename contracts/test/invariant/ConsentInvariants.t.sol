// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConsentRegistry} from "../../src/ConsentRegistry.sol";
import {Purposes} from "../../src/libraries/Purposes.sol";
import {Test, vm} from "../utils/Test.sol";
import {ConsentHandler} from "./ConsentHandler.sol";

/// @notice The handler never reverts on its own; a revert is a broken expectation, so it fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract ConsentInvariantsTest is Test {
    ConsentRegistry internal registry;
    ConsentHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        registry = new ConsentRegistry();
        handler = new ConsentHandler(registry);
        targetContract(address(handler));
    }

    /// @notice For every patient and every purpose set, `hasConsent` is what the patient last granted, and
    /// nothing once revoked or expired.
    function invariant_RevokedOrExpiredConsentNeverReadsAsGranted() public view {
        for (uint256 i; i < handler.PATIENTS(); ++i) {
            address patient = handler.patients(i);
            for (uint64 bit = 1; bit <= Purposes.ALL; bit <<= 1) {
                vm.assertEq(registry.hasConsent(patient, bit), handler.granted(patient, bit), "one purpose");
            }
            vm.assertEq(registry.hasConsent(patient, Purposes.ALL), handler.granted(patient, Purposes.ALL), "all");
            vm.assertFalse(registry.hasConsent(patient, 0), "the empty set");
        }
    }

    /// @notice Every applied change, and only those, advanced the patient's version.
    function invariant_VersionCountsTheAppliedChanges() public view {
        for (uint256 i; i < handler.PATIENTS(); ++i) {
            address patient = handler.patients(i);
            vm.assertEq(registry.consentOf(patient).version, handler.versionOf(patient), "version");
        }
    }
}
