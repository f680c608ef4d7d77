// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRecordAnchor
/// @notice Merkle roots of the record batches providers ingest, anchored once and never overwritten.
interface IRecordAnchor {
    /// @notice An anchored batch, in one storage slot.
    /// @param provider the provider key that anchored it
    /// @param recordCount how many records (leaves) the batch holds
    /// @param anchoredAt block time of the anchoring
    struct Batch {
        address provider;
        uint32 recordCount;
        uint64 anchoredAt;
    }

    /// @notice A provider anchored the Merkle root of a record batch.
    event BatchAnchored(bytes32 indexed root, address indexed provider, uint32 recordCount, uint64 anchoredAt);

    /// @notice The root is zero.
    error RecordAnchorZeroRoot();
    /// @notice The batch has no records.
    error RecordAnchorEmptyBatch(bytes32 root);
    /// @notice The root is anchored already; roots are never overwritten.
    error RecordAnchorAlreadyAnchored(bytes32 root, address provider, uint64 anchoredAt);
    /// @notice No batch with this root was anchored.
    error RecordAnchorUnknownBatch(bytes32 root);

    /// @notice Anchors the Merkle root of a batch of `recordCount` records (caller needs PROVIDER_ROLE).
    function anchor(bytes32 root, uint32 recordCount) external;

    /// @notice The batch anchored under `root` (all zero if none).
    function batchOf(bytes32 root) external view returns (Batch memory);

    /// @notice Whether `leaf` with `proof` belongs to the anchored batch `root`; reverts if `root` is unknown.
    function verifyRecord(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool);
}
