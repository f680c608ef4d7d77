// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {TestDollar} from "../src/TestDollar.sol";
import {Test, vm} from "./utils/Test.sol";

contract TestDollarTest is Test {
    TestDollar internal usd;
    address internal owner;
    uint256 internal holderKey;
    address internal holder;
    address internal spender;

    function setUp() public {
        owner = makeAddr("owner");
        holderKey = keyOf("holder");
        holder = makeAddr("holder");
        spender = makeAddr("spender");
        usd = new TestDollar(owner);
    }

    function test_Metadata_IsASixDecimalDollar() public view {
        vm.assertEq(usd.name(), "EmrMarket Test Dollar", "name");
        vm.assertEq(usd.symbol(), "TUSD", "symbol");
        vm.assertEq(uint256(usd.decimals()), 6, "decimals");
        vm.assertEq(usd.owner(), owner, "owner");
    }

    function test_Mint_ByTheOwner() public {
        vm.prank(owner);
        usd.mint(holder, 5e6);
        vm.assertEq(usd.balanceOf(holder), 5e6, "balance");
        vm.assertEq(usd.totalSupply(), 5e6, "supply");
    }

    function test_RevertWhen_MintIsNotByTheOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, holder));
        vm.prank(holder);
        usd.mint(holder, 1);
    }

    function test_Permit_SetsTheAllowanceFromATypedSignature() public {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(holderKey, _digest(7e6, 0, 1 days));
        usd.permit(holder, spender, 7e6, 1 days, v, r, s);
        vm.assertEq(usd.allowance(holder, spender), 7e6, "allowance");
        vm.assertEq(usd.nonces(holder), 1, "nonce");
    }

    function test_RevertWhen_PermitIsExpired() public {
        vm.warp(2 days);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(holderKey, _digest(7e6, 0, 1 days));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, 1 days));
        usd.permit(holder, spender, 7e6, 1 days, v, r, s);
    }

    function test_RevertWhen_PermitIsSignedByAnotherKey() public {
        uint256 otherKey = keyOf("other");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(otherKey, _digest(7e6, 0, 1 days));
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(otherKey), holder));
        usd.permit(holder, spender, 7e6, 1 days, v, r, s);
    }

    /// @dev EIP-2612 digest built by hand from the EIP's type strings, not from the token's helpers.
    function _digest(uint256 value, uint256 nonce, uint256 deadline) private view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("EmrMarket Test Dollar"),
                keccak256("1"),
                block.chainid,
                address(usd)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                spender,
                value,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }
}
