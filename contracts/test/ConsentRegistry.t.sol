// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConsentRegistry} from "../src/ConsentRegistry.sol";
import {IConsentRegistry} from "../src/interfaces/IConsentRegistry.sol";
import {Purposes} from "../src/libraries/Purposes.sol";
import {Test, vm} from "./utils/Test.sol";

contract ConsentRegistryTest is Test {
    ConsentRegistry internal registry;
    uint256 internal patientKey;
    address internal patient;
    address internal relayer;

    uint64 internal constant RESEARCH = Purposes.ACADEMIC_RESEARCH | Purposes.PUBLIC_HEALTH;
    uint256 internal constant START = 1_700_000_000;

    function setUp() public {
        vm.warp(START);
        registry = new ConsentRegistry();
        patientKey = keyOf("patient");
        patient = makeAddr("patient");
        relayer = makeAddr("relayer");
    }

    // ------------------------------------------------------------------ setConsent

    function test_SetConsent_StoresConsentAndEmits() public {
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentChanged(patient, patient, RESEARCH, uint64(START + 30 days), 1, uint64(START));
        vm.prank(patient);
        registry.setConsent(RESEARCH, uint64(START + 30 days));

        IConsentRegistry.Consent memory c = registry.consentOf(patient);
        vm.assertEq(c.purposes, RESEARCH, "purposes");
        vm.assertEq(c.expiry, START + 30 days, "expiry");
        vm.assertEq(c.version, 1, "version");
        vm.assertEq(c.updatedAt, START, "updatedAt");
        vm.assertEq(registry.nonces(patient), 1, "nonce follows the version");
    }

    function test_SetConsent_RevocationKeepsTheTrail() public {
        vm.startPrank(patient);
        registry.setConsent(RESEARCH, 0);
        vm.warp(START + 1 days);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentChanged(patient, patient, Purposes.PUBLIC_HEALTH, 0, 2, uint64(START + 1 days));
        registry.setConsent(Purposes.PUBLIC_HEALTH, 0);
        vm.stopPrank();

        vm.assertFalse(registry.hasConsent(patient, Purposes.ACADEMIC_RESEARCH), "academic revoked");
        vm.assertTrue(registry.hasConsent(patient, Purposes.PUBLIC_HEALTH), "public health kept");
        vm.assertEq(registry.consentOf(patient).version, 2, "version");
    }

    function test_SetConsent_RevocationMayCarryAPastExpiry() public {
        vm.prank(patient);
        registry.setConsent(0, uint64(START - 1));
        vm.assertEq(registry.consentOf(patient).version, 1, "applied");
    }

    function test_RevertWhen_SetConsentHasUnknownPurposes() public {
        uint64 purposes = Purposes.ALL + 1;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryUnknownPurposes.selector, purposes));
        vm.prank(patient);
        registry.setConsent(purposes, 0);
    }

    function test_RevertWhen_SetConsentGrantHasPassedExpiry() public {
        vm.expectRevert(
            abi.encodeWithSelector(IConsentRegistry.ConsentRegistryExpiryPassed.selector, uint64(START), START)
        );
        vm.prank(patient);
        registry.setConsent(RESEARCH, uint64(START));
    }

    // ------------------------------------------------------------------ hasConsent

    function test_HasConsent_TrueForSubsetsFalseForOthers() public {
        vm.prank(patient);
        registry.setConsent(RESEARCH, 0);
        vm.assertTrue(registry.hasConsent(patient, RESEARCH), "exact set");
        vm.assertTrue(registry.hasConsent(patient, Purposes.PUBLIC_HEALTH), "subset");
        vm.assertFalse(registry.hasConsent(patient, RESEARCH | Purposes.AI_TRAINING), "superset");
        vm.assertFalse(registry.hasConsent(patient, Purposes.GENETIC_STUDIES), "other purpose");
        vm.assertFalse(registry.hasConsent(patient, 0), "empty set is never granted");
        vm.assertFalse(registry.hasConsent(relayer, Purposes.PUBLIC_HEALTH), "never consented");
    }

    function test_HasConsent_FalseFromTheExpiryOn() public {
        vm.prank(patient);
        registry.setConsent(RESEARCH, uint64(START + 100));
        vm.warp(START + 99);
        vm.assertTrue(registry.hasConsent(patient, RESEARCH), "before expiry");
        vm.warp(START + 100);
        vm.assertFalse(registry.hasConsent(patient, RESEARCH), "at expiry");
    }

    function test_HasConsent_WithoutExpiryNeverLapses() public {
        vm.prank(patient);
        registry.setConsent(RESEARCH, 0);
        vm.warp(type(uint64).max);
        vm.assertTrue(registry.hasConsent(patient, RESEARCH), "no expiry");
    }

    // ------------------------------------------------------------------ setConsentBySig

    function test_SetConsentBySig_AppliesWithTheRelayerAsSubmitter() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, 0, 0, START + 1 hours);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentChanged(patient, relayer, RESEARCH, 0, 1, uint64(START));
        vm.prank(relayer);
        registry.setConsentBySig(s);
        vm.assertTrue(registry.hasConsent(patient, RESEARCH), "granted");
        vm.assertEq(registry.nonces(patient), 1, "nonce used");
    }

    function test_SetConsentBySig_AcceptsTheDeadlineSecond() public {
        registry.setConsentBySig(_sign(patientKey, RESEARCH, 0, 0, START));
        vm.assertEq(registry.nonces(patient), 1, "applied");
    }

    function test_RevertWhen_SetConsentBySigAfterDeadline() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, 0, 0, START - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IConsentRegistry.ConsentRegistryDeadlinePassed.selector, START - 1, START)
        );
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigIsReplayed() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, 0, 0, START + 1);
        registry.setConsentBySig(s);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryWrongNonce.selector, patient, 1, 0));
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigWasSignedByAnotherKey() public {
        IConsentRegistry.SignedConsent memory s = _sign(keyOf("mallory"), RESEARCH, 0, 0, START + 1);
        s.patient = patient;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryBadSignature.selector, patient));
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigTermsWereChanged() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, Purposes.PUBLIC_HEALTH, 0, 0, START + 1);
        s.purposes = Purposes.ALL;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryBadSignature.selector, patient));
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigIsMalleated() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, 0, 0, START + 1);
        // The same signature with s mirrored into the upper half order also recovers the patient in ecrecover.
        s.s = bytes32(SECP256K1_ORDER - uint256(s.s));
        s.v = s.v == 27 ? 28 : 27;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryBadSignature.selector, patient));
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigHasUnknownPurposes() public {
        uint64 purposes = 1 << 63;
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, purposes, 0, 0, START + 1);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryUnknownPurposes.selector, purposes));
        registry.setConsentBySig(s);
    }

    function test_RevertWhen_SetConsentBySigGrantHasPassedExpiry() public {
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, uint64(START - 5), 0, START + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IConsentRegistry.ConsentRegistryExpiryPassed.selector, uint64(START - 5), START)
        );
        registry.setConsentBySig(s);
    }

    function test_SetConsentBySig_DirectChangeVoidsUnsentSignatures() public {
        IConsentRegistry.SignedConsent memory stale = _sign(patientKey, Purposes.ALL, 0, 0, START + 1 days);
        vm.prank(patient);
        registry.setConsent(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryWrongNonce.selector, patient, 1, 0));
        registry.setConsentBySig(stale);
    }

    function test_HashConsent_IsTheEip712DigestOfTheDocumentedType() public view {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("EmrMarket ConsentRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Consent(address patient,uint64 purposes,uint64 expiry,uint64 nonce,uint256 deadline)"),
                patient,
                RESEARCH,
                uint64(7),
                uint64(3),
                uint256(9)
            )
        );
        bytes32 expected = keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
        vm.assertEq(registry.hashConsent(patient, RESEARCH, 7, 3, 9), expected, "digest");
        vm.assertEq(
            registry.CONSENT_TYPEHASH(),
            keccak256("Consent(address patient,uint64 purposes,uint64 expiry,uint64 nonce,uint256 deadline)"),
            "type hash"
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            registry.eip712Domain();
        vm.assertEq(name, "EmrMarket ConsentRegistry", "domain name");
        vm.assertEq(version, "1", "domain version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(registry), "verifying contract");
    }

    // ------------------------------------------------------------------ setConsentsBySig

    function test_SetConsentsBySig_AppliesTheGoodAndReportsTheBad() public {
        uint256 otherKey = keyOf("other patient");
        address other = vm.addr(otherKey);
        IConsentRegistry.SignedConsent[] memory batch = new IConsentRegistry.SignedConsent[](6);
        batch[0] = _sign(patientKey, RESEARCH, 0, 0, START + 1);
        batch[1] = _sign(keyOf("mallory"), RESEARCH, 0, 0, START + 1);
        batch[1].patient = other; // forged
        batch[2] = _sign(otherKey, RESEARCH, 0, 0, START - 1); // too late
        batch[3] = _sign(patientKey, RESEARCH, 0, 0, START + 1); // replay of [0]
        batch[4] = _sign(otherKey, 1 << 40, 0, 0, START + 1); // undefined purpose
        batch[5] = _sign(otherKey, Purposes.AI_TRAINING, uint64(START), 0, START + 1); // already expired

        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentChanged(patient, relayer, RESEARCH, 0, 1, uint64(START));
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentSkipped(other, 1, 0, IConsentRegistry.Rejection.BadSignature);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentSkipped(other, 2, 0, IConsentRegistry.Rejection.DeadlinePassed);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentSkipped(patient, 3, 0, IConsentRegistry.Rejection.WrongNonce);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentSkipped(other, 4, 0, IConsentRegistry.Rejection.UnknownPurposes);
        vm.expectEmit(address(registry));
        emit IConsentRegistry.ConsentSkipped(other, 5, 0, IConsentRegistry.Rejection.ExpiryPassed);
        vm.prank(relayer);
        uint256 applied = registry.setConsentsBySig(batch);

        vm.assertEq(applied, 1, "applied");
        vm.assertTrue(registry.hasConsent(patient, RESEARCH), "good one applied");
        vm.assertEq(registry.consentOf(other).version, 0, "bad ones not applied");
    }

    function test_SetConsentsBySig_AppliesOnePatientsChangesInOrder() public {
        IConsentRegistry.SignedConsent[] memory batch = new IConsentRegistry.SignedConsent[](2);
        batch[0] = _sign(patientKey, Purposes.ALL, 0, 0, START + 1);
        batch[1] = _sign(patientKey, Purposes.CLINICAL_TRIALS, 0, 1, START + 1);
        vm.assertEq(registry.setConsentsBySig(batch), 2, "both applied");
        IConsentRegistry.Consent memory c = registry.consentOf(patient);
        vm.assertEq(c.purposes, Purposes.CLINICAL_TRIALS, "last one wins");
        vm.assertEq(c.version, 2, "version");
    }

    function test_SetConsentsBySig_EmptyBatchDoesNothing() public {
        vm.recordLogs();
        vm.assertEq(registry.setConsentsBySig(new IConsentRegistry.SignedConsent[](0)), 0, "applied");
        vm.assertEq(vm.getRecordedLogs().length, 0, "no events");
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_SetConsentBySig_RejectsAnyOtherSigner(uint256 signerKey, uint64 purposes) public {
        signerKey = bound(signerKey, 1, SECP256K1_ORDER - 1);
        vm.assume(signerKey != patientKey);
        purposes = purposes & Purposes.ALL;
        IConsentRegistry.SignedConsent memory s = _sign(signerKey, purposes, 0, 0, START + 1);
        s.patient = patient;
        vm.expectRevert(abi.encodeWithSelector(IConsentRegistry.ConsentRegistryBadSignature.selector, patient));
        registry.setConsentBySig(s);
    }

    function testFuzz_SetConsentBySig_RejectsEveryUsedNonce(uint8 changes, uint64 replayed) public {
        changes = uint8(bound(changes, 1, 20));
        for (uint64 n; n < changes; ++n) {
            registry.setConsentBySig(_sign(patientKey, n % 2 == 0 ? RESEARCH : 0, 0, n, START + 1));
        }
        replayed = uint64(bound(replayed, 0, changes - 1));
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, Purposes.ALL, 0, replayed, START + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IConsentRegistry.ConsentRegistryWrongNonce.selector, patient, changes, replayed)
        );
        registry.setConsentBySig(s);
    }

    function testFuzz_SetConsentBySig_RejectsAPassedDeadline(uint256 deadline, uint256 submittedAt) public {
        deadline = bound(deadline, 0, type(uint64).max - 1);
        submittedAt = bound(submittedAt, deadline + 1, type(uint64).max);
        IConsentRegistry.SignedConsent memory s = _sign(patientKey, RESEARCH, 0, 0, deadline);
        vm.warp(submittedAt);
        vm.expectRevert(
            abi.encodeWithSelector(IConsentRegistry.ConsentRegistryDeadlinePassed.selector, deadline, submittedAt)
        );
        registry.setConsentBySig(s);
    }

    function testFuzz_SetConsentBySig_BatchSkipsWhatASingleCallRejects(
        bool patientSigns,
        uint256 otherKey,
        uint256 deadline
    ) public {
        otherKey = bound(otherKey, 1, SECP256K1_ORDER - 1);
        vm.assume(otherKey != patientKey);
        deadline = bound(deadline, START - 10, START + 10);
        IConsentRegistry.SignedConsent memory s = _sign(patientSigns ? patientKey : otherKey, RESEARCH, 0, 0, deadline);
        s.patient = patient;
        bool valid = patientSigns && deadline >= START;
        IConsentRegistry.SignedConsent[] memory batch = new IConsentRegistry.SignedConsent[](1);
        batch[0] = s;
        vm.assertEq(registry.setConsentsBySig(batch), valid ? 1 : 0, "applied");
        vm.assertEq(registry.hasConsent(patient, RESEARCH), valid, "granted");
        if (!valid) {
            // The single call rejects the same consent outright.
            vm.expectRevert();
            registry.setConsentBySig(s);
        }
    }

    function testFuzz_HasConsent_MatchesTheDefinition(uint64 granted, uint64 asked, uint64 expiry, uint64 at) public {
        granted = granted & Purposes.ALL;
        expiry = expiry == 0 ? 0 : uint64(bound(expiry, START + 1, type(uint64).max));
        vm.prank(patient);
        registry.setConsent(granted, expiry);
        at = uint64(bound(at, START, type(uint64).max));
        vm.warp(at);
        bool expected = asked != 0 && granted & asked == asked && (expiry == 0 || at < expiry);
        vm.assertEq(registry.hasConsent(patient, asked), expected, "hasConsent");
    }

    // ------------------------------------------------------------------ helpers

    function _sign(uint256 key, uint64 purposes, uint64 expiry, uint64 nonce, uint256 deadline)
        internal
        view
        returns (IConsentRegistry.SignedConsent memory s)
    {
        address signer = vm.addr(key);
        (uint8 v, bytes32 r, bytes32 sig) =
            vm.sign(key, registry.hashConsent(signer, purposes, expiry, nonce, deadline));
        s = IConsentRegistry.SignedConsent(signer, purposes, expiry, nonce, deadline, v, r, sig);
    }
}
