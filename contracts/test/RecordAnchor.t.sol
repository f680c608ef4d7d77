// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RecordAnchor} from "../src/RecordAnchor.sol";
import {IRecordAnchor} from "../src/interfaces/IRecordAnchor.sol";
import {PayoutTree} from "./utils/PayoutTree.sol";
import {Test, vm} from "./utils/Test.sol";

contract RecordAnchorTest is Test {
    RecordAnchor internal anchors;
    address internal admin;
    address internal hospital;
    bytes32[] internal leaves;
    bytes32 internal root;

    uint256 internal constant START = 1_700_000_000;

    function setUp() public {
        vm.warp(START);
        admin = makeAddr("admin");
        hospital = makeAddr("hospital");
        anchors = new RecordAnchor(admin);
        bytes32 providerRole = anchors.PROVIDER_ROLE();
        vm.prank(admin);
        anchors.grantRole(providerRole, hospital);
        for (uint256 i; i < 7; ++i) {
            leaves.push(_recordLeaf(keccak256(abi.encode("record", i))));
        }
        root = PayoutTree.root(leaves);
    }

    function test_Anchor_StoresTheBatchAndEmits() public {
        vm.expectEmit(address(anchors));
        emit IRecordAnchor.BatchAnchored(root, hospital, 7, uint64(START));
        vm.prank(hospital);
        anchors.anchor(root, 7);
        IRecordAnchor.Batch memory b = anchors.batchOf(root);
        vm.assertEq(b.provider, hospital, "provider");
        vm.assertEq(b.recordCount, 7, "count");
        vm.assertEq(b.anchoredAt, START, "time");
    }

    function test_RevertWhen_AnchorIsNotByAProvider() public {
        vm.expectRevert(unauthorized(admin, anchors.PROVIDER_ROLE()));
        vm.prank(admin);
        anchors.anchor(root, 7);
    }

    function test_RevertWhen_AnchorRootIsZero() public {
        vm.expectRevert(IRecordAnchor.RecordAnchorZeroRoot.selector);
        vm.prank(hospital);
        anchors.anchor(0, 7);
    }

    function test_RevertWhen_AnchorBatchIsEmpty() public {
        vm.expectRevert(abi.encodeWithSelector(IRecordAnchor.RecordAnchorEmptyBatch.selector, root));
        vm.prank(hospital);
        anchors.anchor(root, 0);
    }

    function test_RevertWhen_AnchorOverwritesARoot() public {
        vm.prank(hospital);
        anchors.anchor(root, 7);
        address other = makeAddr("other hospital");
        bytes32 providerRole = anchors.PROVIDER_ROLE();
        vm.prank(admin);
        anchors.grantRole(providerRole, other);
        vm.warp(START + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRecordAnchor.RecordAnchorAlreadyAnchored.selector, root, hospital, uint64(START))
        );
        vm.prank(other);
        anchors.anchor(root, 9);
        vm.assertEq(anchors.batchOf(root).recordCount, 7, "unchanged");
    }

    function test_RevertWhen_AnchorByARevokedProvider() public {
        bytes32 providerRole = anchors.PROVIDER_ROLE();
        vm.prank(admin);
        anchors.revokeRole(providerRole, hospital);
        vm.expectRevert(unauthorized(hospital, providerRole));
        vm.prank(hospital);
        anchors.anchor(root, 7);
    }

    function test_VerifyRecord_AcceptsEveryRecordOfTheBatch() public {
        vm.prank(hospital);
        anchors.anchor(root, 7);
        for (uint256 i; i < leaves.length; ++i) {
            vm.assertTrue(anchors.verifyRecord(root, leaves[i], PayoutTree.proof(leaves, i)), "member");
        }
    }

    function test_VerifyRecord_RejectsForeignRecordsAndWrongProofs() public {
        vm.prank(hospital);
        anchors.anchor(root, 7);
        bytes32 foreign = _recordLeaf(keccak256("not in the batch"));
        vm.assertFalse(anchors.verifyRecord(root, foreign, PayoutTree.proof(leaves, 0)), "foreign record");
        vm.assertFalse(anchors.verifyRecord(root, leaves[1], PayoutTree.proof(leaves, 2)), "someone else's proof");
        vm.assertFalse(anchors.verifyRecord(root, leaves[1], new bytes32[](0)), "no proof");
    }

    function test_RevertWhen_VerifyRecordOfAnUnknownBatch() public {
        vm.expectRevert(abi.encodeWithSelector(IRecordAnchor.RecordAnchorUnknownBatch.selector, root));
        anchors.verifyRecord(root, leaves[0], PayoutTree.proof(leaves, 0));
    }

    function test_BatchOf_UnknownIsAllZero() public view {
        IRecordAnchor.Batch memory b = anchors.batchOf(root);
        vm.assertEq(b.provider, address(0), "provider");
        vm.assertEq(b.anchoredAt, 0, "time");
    }

    function testFuzz_VerifyRecord_ProvesAnyRecordOfAnyBatch(uint256 seed, uint16 size, uint16 index) public {
        uint256 n = bound(size, 1, 300);
        bytes32[] memory batch = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            batch[i] = _recordLeaf(keccak256(abi.encode(seed, i)));
        }
        bytes32 batchRoot = PayoutTree.root(batch);
        vm.prank(hospital);
        anchors.anchor(batchRoot, uint32(n));
        uint256 member = bound(index, 0, n - 1);
        vm.assertTrue(anchors.verifyRecord(batchRoot, batch[member], PayoutTree.proof(batch, member)), "member");
        vm.assertFalse(
            anchors.verifyRecord(
                batchRoot, _recordLeaf(keccak256(abi.encode(seed, n))), PayoutTree.proof(batch, member)
            ),
            "non-member"
        );
    }

    function _recordLeaf(bytes32 recordHash) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(recordHash))));
    }
}
