// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Deploy} from "../script/Deploy.s.sol";
import {Test, vm} from "./utils/Test.sol";

contract DeployTest is Test {
    Deploy internal script;
    address internal admin;
    address internal treasury;
    address internal curator;
    address internal hospital;

    function setUp() public {
        script = new Deploy();
        admin = makeAddr("admin");
        treasury = makeAddr("treasury");
        curator = makeAddr("curator");
        hospital = makeAddr("hospital");
    }

    function test_Deploy_WiresEverythingAndHandsOverTheAdminRole() public {
        Deploy.Deployment memory d = script.deploy(_config(true), address(script));

        vm.assertEq(d.marketplace.license().marketplace(), address(d.marketplace), "licence minter");
        vm.assertEq(d.marketplace.treasury(), treasury, "treasury");
        vm.assertEq(d.marketplace.feeBps(), 300, "fee");
        vm.assertEq(d.marketplace.license().uri(1), "https://emrmarket.local/licences/{id}.json", "licence uri");
        vm.assertTrue(d.marketplace.hasRole(d.marketplace.CURATOR_ROLE(), curator), "curator");
        vm.assertTrue(d.recordAnchor.hasRole(d.recordAnchor.PROVIDER_ROLE(), hospital), "provider");
        vm.assertTrue(d.marketplace.hasRole(bytes32(0), admin), "marketplace admin");
        vm.assertTrue(d.recordAnchor.hasRole(bytes32(0), admin), "anchor admin");
        vm.assertFalse(d.marketplace.hasRole(bytes32(0), address(script)), "deployer left the marketplace");
        vm.assertFalse(d.recordAnchor.hasRole(bytes32(0), address(script)), "deployer left the anchor");
        vm.assertEq(d.testDollar.owner(), admin, "test dollar owner");
        vm.assertEq(uint256(d.testDollar.decimals()), 6, "test dollar");
    }

    function test_Deploy_WithoutTheTestDollar() public {
        Deploy.Deployment memory d = script.deploy(_config(false), address(script));
        vm.assertEq(address(d.testDollar), address(0), "no test dollar");
    }

    function test_ToJson_IsTheDeploymentFileTheAppReads() public {
        Deploy.Deployment memory d = script.deploy(_config(true), address(script));
        string memory json = script.toJson(d, 17);
        vm.assertEq(vm.parseJsonUint(json, ".chainId"), block.chainid, "chain id");
        vm.assertEq(vm.parseJsonUint(json, ".startBlock"), 17, "start block");
        vm.assertEq(vm.parseJsonAddress(json, ".contracts.DataMarketplace"), address(d.marketplace), "marketplace");
        vm.assertEq(vm.parseJsonAddress(json, ".contracts.DataLicense"), address(d.marketplace.license()), "licence");
        vm.assertEq(vm.parseJsonAddress(json, ".contracts.ConsentRegistry"), address(d.consentRegistry), "consent");
        vm.assertEq(vm.parseJsonAddress(json, ".contracts.RecordAnchor"), address(d.recordAnchor), "anchor");
        vm.assertEq(vm.parseJsonAddress(json, ".contracts.TestDollar"), address(d.testDollar), "test dollar");
    }

    function _config(bool testDollar) private view returns (Deploy.Config memory c) {
        c.admin = admin;
        c.treasury = treasury;
        c.feeBps = 300;
        c.curators = new address[](1);
        c.curators[0] = curator;
        c.providers = new address[](1);
        c.providers[0] = hospital;
        c.licenseUri = "https://emrmarket.local/licences/{id}.json";
        c.testDollar = testDollar;
    }
}
