// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConsentRegistry} from "../../src/ConsentRegistry.sol";
import {IConsentRegistry} from "../../src/interfaces/IConsentRegistry.sol";
import {Purposes} from "../../src/libraries/Purposes.sol";
import {vm} from "../utils/Test.sol";

/// @notice Drives the registry with direct, signed, forged, replayed and batched consents and moves the
/// clock; keeps a model of what each patient has granted.
contract ConsentHandler {
    ConsentRegistry public immutable registry;
    uint256 public constant PATIENTS = 4;
    uint256[PATIENTS] internal _keys;
    address[PATIENTS] public patients;

    struct Model {
        uint64 purposes;
        uint64 expiry;
        uint64 version;
    }

    mapping(address patient => Model) internal _model;

    constructor(ConsentRegistry registry_) {
        registry = registry_;
        for (uint256 i; i < PATIENTS; ++i) {
            _keys[i] = uint256(keccak256(abi.encode("consent patient", i)));
            patients[i] = vm.addr(_keys[i]);
        }
    }

    function setConsent(uint256 patientSeed, uint64 purposes, uint32 lifetime) external {
        address patient = patients[patientSeed % PATIENTS];
        (uint64 p, uint64 e) = _terms(purposes, lifetime);
        vm.prank(patient);
        registry.setConsent(p, e);
        _record(patient, p, e);
    }

    function setConsentBySig(uint256 patientSeed, uint64 purposes, uint32 lifetime, uint8 tamper) external {
        uint256 i = patientSeed % PATIENTS;
        (uint64 p, uint64 e) = _terms(purposes, lifetime);
        IConsentRegistry.SignedConsent memory s = _sign(i, p, e, tamper);
        try registry.setConsentBySig(s) {
            require(tamper % 4 == 0, "a tampered consent was applied");
            _record(patients[i], p, e);
        } catch {
            require(tamper % 4 != 0, "a valid consent was rejected");
        }
    }

    function setConsentsBySig(uint256 seed, uint8 count) external {
        count = uint8(1 + count % 6);
        IConsentRegistry.SignedConsent[] memory batch = new IConsentRegistry.SignedConsent[](count);
        bool[] memory valid = new bool[](count);
        uint64[PATIENTS] memory nextNonce;
        for (uint256 i; i < PATIENTS; ++i) {
            nextNonce[i] = _model[patients[i]].version;
        }
        for (uint256 k; k < count; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            uint256 i = r % PATIENTS;
            (uint64 p, uint64 e) = _terms(uint64(r >> 8), uint32(r >> 80));
            uint8 tamper = uint8(r >> 160);
            batch[k] = _signWithNonce(i, p, e, nextNonce[i], tamper);
            valid[k] = tamper % 4 == 0;
            if (valid[k]) ++nextNonce[i];
        }
        uint256 applied = registry.setConsentsBySig(batch);
        uint256 expected;
        for (uint256 k; k < count; ++k) {
            if (!valid[k]) continue;
            ++expected;
            _record(batch[k].patient, batch[k].purposes, batch[k].expiry);
        }
        require(applied == expected, "batch applied the wrong consents");
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + seconds_ % 90 days);
    }

    /// @notice What the model says `hasConsent` must answer.
    function granted(address patient, uint64 purposes) external view returns (bool) {
        Model memory m = _model[patient];
        return purposes != 0 && m.purposes & purposes == purposes && (m.expiry == 0 || block.timestamp < m.expiry);
    }

    function versionOf(address patient) external view returns (uint64) {
        return _model[patient].version;
    }

    // ------------------------------------------------------------------ internals

    /// @dev Defined purposes; an expiry in the future or none (a zero lifetime).
    function _terms(uint64 purposes, uint32 lifetime) private view returns (uint64, uint64) {
        uint64 expiry = lifetime == 0 ? 0 : uint64(block.timestamp + 1 + lifetime % 30 days);
        return (purposes & Purposes.ALL, expiry);
    }

    function _record(address patient, uint64 purposes, uint64 expiry) private {
        Model storage m = _model[patient];
        m.purposes = purposes;
        m.expiry = expiry;
        ++m.version;
    }

    function _sign(uint256 i, uint64 purposes, uint64 expiry, uint8 tamper)
        private
        view
        returns (IConsentRegistry.SignedConsent memory)
    {
        return _signWithNonce(i, purposes, expiry, _model[patients[i]].version, tamper);
    }

    /// @dev tamper % 4: 0 valid, 1 signed by another patient, 2 a used or future nonce, 3 deadline passed.
    function _signWithNonce(uint256 i, uint64 purposes, uint64 expiry, uint64 nonce, uint8 tamper)
        private
        view
        returns (IConsentRegistry.SignedConsent memory s)
    {
        uint256 key = tamper % 4 == 1 ? _keys[(i + 1) % PATIENTS] : _keys[i];
        if (tamper % 4 == 2) nonce = nonce == 0 ? 1 : nonce - 1;
        uint256 deadline = tamper % 4 == 3 ? block.timestamp - 1 : block.timestamp + 1 hours;
        s.patient = patients[i];
        s.purposes = purposes;
        s.expiry = expiry;
        s.nonce = nonce;
        s.deadline = deadline;
        (s.v, s.r, s.s) = vm.sign(key, registry.hashConsent(s.patient, purposes, expiry, nonce, deadline));
    }
}
