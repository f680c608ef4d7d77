// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IDataLicense
/// @notice Non-transferable ERC-1155 licences: token id = offer id, one token per purchase.
interface IDataLicense {
    /// @notice Only the marketplace that created this collection may mint.
    error DataLicenseUnauthorizedMinter(address caller);
    /// @notice Licences cannot be transferred, burned or delegated: one belongs to the buyer who signed the
    /// data use agreement.
    error DataLicenseNonTransferable();

    /// @notice The marketplace allowed to mint (the contract that deployed this one).
    function marketplace() external view returns (address);

    /// @notice Mints one licence for `offerId` to `buyer` (marketplace only).
    function mint(address buyer, uint256 offerId) external;
}
