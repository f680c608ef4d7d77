// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IConsentRegistry
/// @notice Each patient's consent to the research purposes of {Purposes}: set by the patient directly or
/// through an EIP-712 signature that anyone (a relayer) may submit, alone or in a batch.
interface IConsentRegistry {
    /// @notice A patient's consent, in one storage slot.
    /// @param purposes bitmask of {Purposes}; zero means nothing is granted
    /// @param expiry unix time from which the consent no longer holds; zero means it does not expire
    /// @param version number of changes so far; also the nonce the next signed consent must carry
    /// @param updatedAt unix time of the latest change
    struct Consent {
        uint64 purposes;
        uint64 expiry;
        uint64 version;
        uint64 updatedAt;
    }

    /// @notice A consent signed by the patient (EIP-712 type `Consent`, see {CONSENT_TYPEHASH}).
    /// @param nonce must equal the patient's current `version`, so a signature applies once and in order
    /// @param deadline unix time after which the signature may no longer be submitted
    struct SignedConsent {
        address patient;
        uint64 purposes;
        uint64 expiry;
        uint64 nonce;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Why a signed consent in a batch was skipped.
    enum Rejection {
        None,
        DeadlinePassed,
        WrongNonce,
        BadSignature,
        UnknownPurposes,
        ExpiryPassed
    }

    /// @notice A patient's consent changed. Together these events are the complete consent trail.
    /// @param patient whose consent it is
    /// @param submitter who sent the change: the patient, or the relayer of a signed consent
    /// @param purposes the purposes granted from now on (zero: all revoked)
    /// @param expiry when the grant ends (zero: never)
    /// @param version the patient's change counter after this change (1 for the first)
    /// @param updatedAt the block time of the change
    event ConsentChanged(
        address indexed patient,
        address indexed submitter,
        uint64 purposes,
        uint64 expiry,
        uint64 version,
        uint64 updatedAt
    );

    /// @notice A signed consent in a batch was not applied; the rest of the batch was.
    /// @param index its position in the batch
    event ConsentSkipped(address indexed patient, uint256 index, uint64 nonce, Rejection reason);

    /// @notice `purposes` has bits set that {Purposes} does not define.
    error ConsentRegistryUnknownPurposes(uint64 purposes);
    /// @notice A grant whose expiry has already passed.
    error ConsentRegistryExpiryPassed(uint64 expiry, uint256 timestamp);
    /// @notice The signed consent was submitted after its deadline.
    error ConsentRegistryDeadlinePassed(uint256 deadline, uint256 timestamp);
    /// @notice The signed nonce is not the patient's current version.
    error ConsentRegistryWrongNonce(address patient, uint64 expected, uint64 given);
    /// @notice The signature is malformed or was not made by the patient.
    error ConsentRegistryBadSignature(address patient);

    /// @notice Sets the caller's own consent.
    function setConsent(uint64 purposes, uint64 expiry) external;

    /// @notice Applies a consent the patient signed; anyone may submit it.
    function setConsentBySig(SignedConsent calldata consent) external;

    /// @notice Applies many signed consents; a bad one is skipped and reported with {ConsentSkipped}.
    /// @return applied how many were applied
    function setConsentsBySig(SignedConsent[] calldata consents) external returns (uint256 applied);

    /// @notice Whether `patient` currently grants every purpose in `purposes` (false for an empty set).
    function hasConsent(address patient, uint64 purposes) external view returns (bool);

    /// @notice The stored consent of `patient` (all zero if they never set one).
    function consentOf(address patient) external view returns (Consent memory);

    /// @notice The nonce the patient's next signed consent must carry (their current version).
    function nonces(address patient) external view returns (uint64);

    /// @notice The EIP-712 digest a patient signs to set this consent.
    function hashConsent(address patient, uint64 purposes, uint64 expiry, uint64 nonce, uint256 deadline)
        external
        view
        returns (bytes32);
}
