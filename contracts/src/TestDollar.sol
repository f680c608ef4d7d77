// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestDollar
/// @notice A 6-decimal dollar token with EIP-2612 permit, for the local chain and tests only; production
/// offers are priced in a real stablecoin.
contract TestDollar is ERC20, ERC20Permit, Ownable {
    /// @param owner_ the only account that may mint
    constructor(address owner_)
        ERC20("EmrMarket Test Dollar", "TUSD")
        ERC20Permit("EmrMarket Test Dollar")
        Ownable(owner_)
    {}

    /// @notice Six decimals, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Creates `amount` (in micro-dollars) for `to` (owner only).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
