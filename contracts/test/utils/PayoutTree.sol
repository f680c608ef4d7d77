// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Builds Merkle trees over StandardMerkleTree leaves in tests: leaves double-hashed from their ABI
/// encoding, pairs hashed in sorted order, an odd node carried up. Written from the convention, not from
/// OpenZeppelin's JavaScript (MerkleInterop.t.sol proves that one against the contracts).
library PayoutTree {
    function leaf(address patient, uint256 weight) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(patient, weight))));
    }

    function leaves(address[] memory patients, uint256[] memory weights) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](patients.length);
        for (uint256 i; i < patients.length; ++i) {
            out[i] = leaf(patients[i], weights[i]);
        }
    }

    function root(bytes32[] memory nodes) internal pure returns (bytes32) {
        require(nodes.length > 0, "PayoutTree: no leaves");
        bytes32[] memory layer = nodes;
        while (layer.length > 1) layer = _up(layer);
        return layer[0];
    }

    function proof(bytes32[] memory nodes, uint256 index) internal pure returns (bytes32[] memory path) {
        bytes32[] memory scratch = new bytes32[](64);
        uint256 depth;
        bytes32[] memory layer = nodes;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) scratch[depth++] = layer[sibling];
            layer = _up(layer);
            index /= 2;
        }
        path = new bytes32[](depth);
        for (uint256 i; i < depth; ++i) {
            path[i] = scratch[i];
        }
    }

    function _up(bytes32[] memory layer) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((layer.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            uint256 left = 2 * i;
            next[i] = left + 1 < layer.length ? _hashPair(layer[left], layer[left + 1]) : layer[left];
        }
    }

    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }
}
