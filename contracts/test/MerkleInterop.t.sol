// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDataMarketplace} from "../src/interfaces/IDataMarketplace.sol";
import {RecordAnchor} from "../src/RecordAnchor.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {vm} from "./utils/Test.sol";

/// @notice Trees built off chain by OpenZeppelin's own JavaScript library (@openzeppelin/merkle-tree,
/// through test/merkle/standard-tree.mjs) verify on chain: the leaf formats interoperate.
contract MerkleInteropTest is MarketplaceFixture {
    /// forge-config: default.fuzz.runs = 24
    /// forge-config: ci.fuzz.runs = 64
    function testFuzz_PayoutTreeBuiltByTheJsLibraryPaysOnChain(uint256 seed, uint8 size) public {
        uint256 n = bound(size, 1, 40);
        address[] memory patients = new address[](n);
        uint256[] memory weights = new uint256[](n);
        string memory values = "[";
        uint256 total;
        for (uint256 i; i < n; ++i) {
            patients[i] = address(uint160(uint256(keccak256(abi.encode(seed, "patient", i)))));
            weights[i] = bound(uint256(keccak256(abi.encode(seed, "weight", i))), 1, 1e24);
            total += weights[i];
            values = string.concat(
                values, i == 0 ? "" : ",", '["', vm.toString(patients[i]), '","', vm.toString(weights[i]), '"]'
            );
        }
        (bytes32 root, bytes32[][] memory proofs) = _standardTree('["address","uint256"]', string.concat(values, "]"));

        uint256 id = _list(_terms(root, uint96(total)));
        _buy(id, buyer);
        uint256 pool = market.offer(id).pool;
        for (uint256 i; i < n; ++i) {
            IDataMarketplace.Claim[] memory cs = new IDataMarketplace.Claim[](1);
            cs[0] = IDataMarketplace.Claim(id, weights[i], proofs[i]);
            market.claim(patients[i], cs);
            vm.assertEq(usd.balanceOf(patients[i]), pool * weights[i] / total, "share");
        }
        if (n > 1) {
            // A proof from the library only proves its own leaf.
            IDataMarketplace.Claim[] memory forged = new IDataMarketplace.Claim[](1);
            forged[0] = IDataMarketplace.Claim(id, weights[1], proofs[0]);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IDataMarketplace.DataMarketplaceInvalidProof.selector, id, patients[1], weights[1]
                )
            );
            market.claim(patients[1], forged);
        }
    }

    function test_RecordTreeBuiltByTheJsLibraryVerifiesAgainstItsAnchor() public {
        uint256 n = 25;
        bytes32[] memory recordHashes = new bytes32[](n);
        string memory values = "[";
        for (uint256 i; i < n; ++i) {
            recordHashes[i] = keccak256(abi.encode("FHIR resource", i));
            values = string.concat(values, i == 0 ? "" : ",", '["', vm.toString(abi.encode(recordHashes[i])), '"]');
        }
        (bytes32 root, bytes32[][] memory proofs) = _standardTree('["bytes32"]', string.concat(values, "]"));

        RecordAnchor anchors = new RecordAnchor(admin);
        bytes32 providerRole = anchors.PROVIDER_ROLE();
        vm.prank(admin);
        anchors.grantRole(providerRole, curator);
        vm.prank(curator);
        anchors.anchor(root, uint32(n));
        for (uint256 i; i < n; ++i) {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(recordHashes[i]))));
            vm.assertTrue(anchors.verifyRecord(root, leaf, proofs[i]), "record proven");
        }
        vm.assertFalse(
            anchors.verifyRecord(root, keccak256(bytes.concat(keccak256(abi.encode(bytes32(0))))), proofs[0]),
            "a record outside the batch"
        );
    }

    function _standardTree(string memory types, string memory values)
        private
        returns (bytes32 root, bytes32[][] memory proofs)
    {
        string[] memory command = new string[](4);
        command[0] = "node";
        command[1] = "test/merkle/standard-tree.mjs";
        command[2] = types;
        command[3] = values;
        return abi.decode(vm.ffi(command), (bytes32, bytes32[][]));
    }
}
