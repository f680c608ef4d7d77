// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IDataLicense} from "../src/interfaces/IDataLicense.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {vm} from "./utils/Test.sol";

contract DataLicenseTest is MarketplaceFixture {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = _list(_terms(keccak256("payout root"), 1));
        _buy(id, buyer);
    }

    function test_Mint_IsDoneByThePurchase() public view {
        vm.assertEq(license.balanceOf(buyer, id), 1, "licence");
        vm.assertEq(license.marketplace(), address(market), "minter");
    }

    function test_RevertWhen_MintIsNotByTheMarketplace() public {
        vm.expectRevert(abi.encodeWithSelector(IDataLicense.DataLicenseUnauthorizedMinter.selector, admin));
        vm.prank(admin);
        license.mint(admin, id);
    }

    function test_RevertWhen_SafeTransferFrom() public {
        vm.expectRevert(IDataLicense.DataLicenseNonTransferable.selector);
        vm.prank(buyer);
        license.safeTransferFrom(buyer, admin, id, 1, "");
    }

    function test_RevertWhen_SafeBatchTransferFrom() public {
        uint256[] memory ids = new uint256[](1);
        uint256[] memory values = new uint256[](1);
        ids[0] = id;
        values[0] = 1;
        vm.expectRevert(IDataLicense.DataLicenseNonTransferable.selector);
        vm.prank(buyer);
        license.safeBatchTransferFrom(buyer, admin, ids, values, "");
    }

    function test_RevertWhen_SetApprovalForAll() public {
        vm.expectRevert(IDataLicense.DataLicenseNonTransferable.selector);
        vm.prank(buyer);
        license.setApprovalForAll(admin, true);
    }

    function test_Uri_IsTheTemplateGivenAtDeployment() public view {
        vm.assertEq(license.uri(id), "https://emrmarket.local/licences/{id}.json", "uri");
    }

    function test_SupportsInterface_Erc1155() public view {
        vm.assertTrue(license.supportsInterface(type(IERC1155).interfaceId), "ERC-1155");
        vm.assertFalse(license.supportsInterface(0xffffffff), "not everything");
    }
}
