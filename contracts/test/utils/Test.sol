// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.sol";

// The cheatcode handle for tests, handlers and scripts.
Vm constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

/// @notice A minimal base for forge tests: helpers over the cheatcodes and the hooks forge reads to pick
/// the contracts an invariant test calls.
abstract contract Test {
    address[] private _targetContracts;

    /// @notice Contracts whose functions the invariant fuzzer calls (read by forge).
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @notice A labelled address derived from `name`.
    function makeAddr(string memory name) internal returns (address account) {
        account = vm.addr(keyOf(name));
        vm.label(account, name);
    }

    /// @notice A private key derived from `name`.
    function keyOf(string memory name) internal pure returns (uint256) {
        return uint256(keccak256(bytes(name))) % SECP256K1_ORDER;
    }

    /// @notice The revert data of OpenZeppelin's AccessControl when `account` lacks `role`.
    function unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSignature("AccessControlUnauthorizedAccount(address,bytes32)", account, role);
    }

    /// @notice Maps any `x` into `[min, max]`, keeping small values as they are where it can.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + x % (size + 1);
    }

    uint256 internal constant SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
}
