// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRecordAnchor} from "./interfaces/IRecordAnchor.sol";

/// @title RecordAnchor
/// @notice Providers anchor the Merkle root of each ingested record batch, one transaction per batch of any
/// size. Anyone can then prove that a record belongs to an anchored batch.
/// @dev Leaves follow OpenZeppelin's StandardMerkleTree: `keccak256(bytes.concat(keccak256(abi.encode(
/// recordHash))))` for the `bytes32` content hash of a record; pairs are hashed sorted.
contract RecordAnchor is IRecordAnchor, AccessControl {
    /// @notice Role of the hospitals' keys that may anchor batches.
    bytes32 public constant PROVIDER_ROLE = keccak256("PROVIDER_ROLE");

    mapping(bytes32 root => Batch) private _batches;

    /// @param admin receives DEFAULT_ADMIN_ROLE and so decides who holds PROVIDER_ROLE
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IRecordAnchor
    function anchor(bytes32 root, uint32 recordCount) external onlyRole(PROVIDER_ROLE) {
        if (root == bytes32(0)) revert RecordAnchorZeroRoot();
        if (recordCount == 0) revert RecordAnchorEmptyBatch(root);
        Batch storage batch = _batches[root];
        if (batch.anchoredAt != 0) revert RecordAnchorAlreadyAnchored(root, batch.provider, batch.anchoredAt);
        uint64 anchoredAt = uint64(block.timestamp);
        _batches[root] = Batch(msg.sender, recordCount, anchoredAt);
        emit BatchAnchored(root, msg.sender, recordCount, anchoredAt);
    }

    /// @inheritdoc IRecordAnchor
    function batchOf(bytes32 root) external view returns (Batch memory) {
        return _batches[root];
    }

    /// @inheritdoc IRecordAnchor
    function verifyRecord(bytes32 root, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        if (_batches[root].anchoredAt == 0) revert RecordAnchorUnknownBatch(root);
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
