// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Purposes
/// @notice The research purposes a patient can consent to and an offer can be licensed for: the one place
/// where they are defined. A set of purposes is a bitmask in a `uint64`; each purpose is one bit.
/// @dev Bits 6..63 are reserved for purposes added later. Adding one means a new constant here, a wider
/// `ALL`, and a redeployment of the contracts that check it (ConsentRegistry, DataMarketplace).
library Purposes {
    /// @notice Non-commercial research at universities and public research institutes.
    uint64 internal constant ACADEMIC_RESEARCH = 1 << 0;
    /// @notice Research by companies, for example pharmaceutical or medical-device R&D.
    uint64 internal constant COMMERCIAL_RESEARCH = 1 << 1;
    /// @notice Design, feasibility and recruitment analyses for clinical trials.
    uint64 internal constant CLINICAL_TRIALS = 1 << 2;
    /// @notice Studies that use genetic or genomic data.
    uint64 internal constant GENETIC_STUDIES = 1 << 3;
    /// @notice Public-health surveillance and epidemiology.
    uint64 internal constant PUBLIC_HEALTH = 1 << 4;
    /// @notice Training and evaluating artificial-intelligence and machine-learning models.
    uint64 internal constant AI_TRAINING = 1 << 5;

    /// @notice Every purpose defined so far.
    uint64 internal constant ALL = (1 << 6) - 1;

    /// @notice Whether `purposes` is a non-empty set of defined purposes.
    function isValid(uint64 purposes) internal pure returns (bool) {
        return purposes != 0 && purposes & ~ALL == 0;
    }
}
