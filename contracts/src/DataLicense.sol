// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IDataLicense} from "./interfaces/IDataLicense.sol";

/// @title DataLicense
/// @notice The licences researchers buy: an ERC-1155 collection whose token id is the offer id. Only the
/// marketplace mints; every transfer, burn and operator approval reverts, so a balance only ever grows, by
/// purchase. The web app serves a dataset to an account whose address holds its licence.
/// @dev Deployed by {DataMarketplace} in its constructor, so the minter is fixed from the first block.
contract DataLicense is IDataLicense, ERC1155 {
    /// @inheritdoc IDataLicense
    address public immutable marketplace;

    /// @param uri_ ERC-1155 metadata URI template (`{id}` is replaced by the hex offer id)
    constructor(string memory uri_) ERC1155(uri_) {
        marketplace = msg.sender;
    }

    /// @inheritdoc IDataLicense
    function mint(address buyer, uint256 offerId) external {
        if (msg.sender != marketplace) revert DataLicenseUnauthorizedMinter(msg.sender);
        _mint(buyer, offerId, 1, "");
    }

    /// @notice Always reverts: licences have no operators.
    function setApprovalForAll(address, bool) public pure override {
        revert DataLicenseNonTransferable();
    }

    /// @dev The single path of every balance change: only mints (from the zero address) pass.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (from != address(0)) revert DataLicenseNonTransferable();
        super._update(from, to, ids, values);
    }
}
