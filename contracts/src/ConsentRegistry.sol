// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IConsentRegistry} from "./interfaces/IConsentRegistry.sol";
import {Purposes} from "./libraries/Purposes.sol";

/// @title ConsentRegistry
/// @notice Each patient's consent to research purposes. Only the patient's key can change it: directly, or by
/// an EIP-712 signature that a relayer submits so the patient never needs gas. Nobody administers it.
/// @dev One storage slot per patient. The signature nonce is the consent's version, so a signed consent
/// applies once, in order, and any newer change (direct or signed) invalidates older unsent signatures.
contract ConsentRegistry is IConsentRegistry, EIP712 {
    /// @notice EIP-712 type hash of the consent a patient signs.
    bytes32 public constant CONSENT_TYPEHASH =
        keccak256("Consent(address patient,uint64 purposes,uint64 expiry,uint64 nonce,uint256 deadline)");

    mapping(address patient => Consent) private _consents;

    constructor() EIP712("EmrMarket ConsentRegistry", "1") {}

    /// @inheritdoc IConsentRegistry
    function setConsent(uint64 purposes, uint64 expiry) external {
        Rejection rejection = _validateTerms(purposes, expiry);
        if (rejection == Rejection.UnknownPurposes) revert ConsentRegistryUnknownPurposes(purposes);
        if (rejection == Rejection.ExpiryPassed) revert ConsentRegistryExpiryPassed(expiry, block.timestamp);
        _write(msg.sender, _consents[msg.sender].version, purposes, expiry);
    }

    /// @inheritdoc IConsentRegistry
    function setConsentBySig(SignedConsent calldata consent) external {
        uint64 version = _consents[consent.patient].version;
        Rejection rejection = _validate(consent, version);
        if (rejection != Rejection.None) _revertWith(rejection, consent, version);
        _write(consent.patient, version, consent.purposes, consent.expiry);
    }

    /// @inheritdoc IConsentRegistry
    function setConsentsBySig(SignedConsent[] calldata consents) external returns (uint256 applied) {
        for (uint256 i; i < consents.length; ++i) {
            SignedConsent calldata consent = consents[i];
            uint64 version = _consents[consent.patient].version;
            Rejection rejection = _validate(consent, version);
            if (rejection == Rejection.None) {
                _write(consent.patient, version, consent.purposes, consent.expiry);
                ++applied;
            } else {
                emit ConsentSkipped(consent.patient, i, consent.nonce, rejection);
            }
        }
    }

    /// @inheritdoc IConsentRegistry
    function hasConsent(address patient, uint64 purposes) external view returns (bool) {
        Consent memory c = _consents[patient];
        return purposes != 0 && c.purposes & purposes == purposes && (c.expiry == 0 || c.expiry > block.timestamp);
    }

    /// @inheritdoc IConsentRegistry
    function consentOf(address patient) external view returns (Consent memory) {
        return _consents[patient];
    }

    /// @inheritdoc IConsentRegistry
    function nonces(address patient) external view returns (uint64) {
        return _consents[patient].version;
    }

    /// @inheritdoc IConsentRegistry
    function hashConsent(address patient, uint64 purposes, uint64 expiry, uint64 nonce, uint256 deadline)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(CONSENT_TYPEHASH, patient, purposes, expiry, nonce, deadline)));
    }

    function _write(address patient, uint64 version, uint64 purposes, uint64 expiry) private {
        unchecked {
            ++version; // a patient cannot make 2^64 changes
        }
        uint64 now_ = uint64(block.timestamp);
        _consents[patient] = Consent(purposes, expiry, version, now_);
        emit ConsentChanged(patient, msg.sender, purposes, expiry, version, now_);
    }

    function _validate(SignedConsent calldata c, uint64 version) private view returns (Rejection) {
        if (block.timestamp > c.deadline) return Rejection.DeadlinePassed;
        if (c.nonce != version) return Rejection.WrongNonce;
        Rejection rejection = _validateTerms(c.purposes, c.expiry);
        if (rejection != Rejection.None) return rejection;
        bytes32 digest = hashConsent(c.patient, c.purposes, c.expiry, c.nonce, c.deadline);
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(digest, c.v, c.r, c.s);
        if (error != ECDSA.RecoverError.NoError || signer != c.patient) return Rejection.BadSignature;
        return Rejection.None;
    }

    function _validateTerms(uint64 purposes, uint64 expiry) private view returns (Rejection) {
        if (purposes & ~Purposes.ALL != 0) return Rejection.UnknownPurposes;
        // A grant that has already expired is a mistake; a revocation (no purposes) may carry any expiry.
        if (purposes != 0 && expiry != 0 && expiry <= block.timestamp) return Rejection.ExpiryPassed;
        return Rejection.None;
    }

    function _revertWith(Rejection rejection, SignedConsent calldata c, uint64 version) private view {
        if (rejection == Rejection.DeadlinePassed) revert ConsentRegistryDeadlinePassed(c.deadline, block.timestamp);
        if (rejection == Rejection.WrongNonce) revert ConsentRegistryWrongNonce(c.patient, version, c.nonce);
        if (rejection == Rejection.UnknownPurposes) revert ConsentRegistryUnknownPurposes(c.purposes);
        if (rejection == Rejection.ExpiryPassed) revert ConsentRegistryExpiryPassed(c.expiry, block.timestamp);
        revert ConsentRegistryBadSignature(c.patient);
    }
}
