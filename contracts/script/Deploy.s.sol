// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConsentRegistry} from "../src/ConsentRegistry.sol";
import {DataMarketplace} from "../src/DataMarketplace.sol";
import {RecordAnchor} from "../src/RecordAnchor.sol";
import {TestDollar} from "../src/TestDollar.sol";
import {vm} from "../test/utils/Test.sol";

/// @title Deploy
/// @notice Deploys and wires the contracts and writes the deployment file the app reads:
/// `{"chainId", "startBlock", "contracts": {name: address}}`.
///
///   forge script script/Deploy.s.sol --rpc-url $EMR_RPC_URL --private-key $KEY --broadcast
///
/// Settings (environment, all optional): EMR_ADMIN (default: the deployer), EMR_TREASURY (default: the
/// admin), EMR_FEE_BPS (default 250), EMR_CURATORS and EMR_PROVIDERS (comma-separated addresses, default:
/// the admin), EMR_LICENSE_URI, EMR_TEST_DOLLAR (default: true on chain 31337), EMR_DEPLOYMENT_FILE (not
/// written when empty; must lie under ../.data unless foundry.toml allows more).
contract Deploy {
    struct Config {
        address admin;
        address treasury;
        uint16 feeBps;
        address[] curators;
        address[] providers;
        string licenseUri;
        bool testDollar;
    }

    struct Deployment {
        ConsentRegistry consentRegistry;
        RecordAnchor recordAnchor;
        DataMarketplace marketplace;
        TestDollar testDollar;
    }

    function run() external returns (Deployment memory d) {
        Config memory c = config(msg.sender);
        uint256 startBlock = block.number;
        vm.startBroadcast();
        d = deploy(c, msg.sender);
        vm.stopBroadcast();
        string memory path = vm.envOr("EMR_DEPLOYMENT_FILE", string(""));
        if (bytes(path).length != 0) vm.writeJson(toJson(d, startBlock), path);
    }

    /// @notice The settings from the environment, with `deployer` as the default admin.
    function config(address deployer) public view returns (Config memory c) {
        address[] memory none = new address[](0);
        c.admin = vm.envOr("EMR_ADMIN", deployer);
        c.treasury = vm.envOr("EMR_TREASURY", c.admin);
        c.feeBps = uint16(vm.envOr("EMR_FEE_BPS", uint256(250)));
        c.curators = vm.envOr("EMR_CURATORS", ",", none);
        c.providers = vm.envOr("EMR_PROVIDERS", ",", none);
        if (c.curators.length == 0) c.curators = _just(c.admin);
        if (c.providers.length == 0) c.providers = _just(c.admin);
        c.licenseUri = vm.envOr("EMR_LICENSE_URI", string(""));
        c.testDollar = vm.envOr("EMR_TEST_DOLLAR", block.chainid == 31337);
    }

    /// @notice Deploys everything from `deployer`, grants the roles, then hands the admin role to `c.admin`.
    function deploy(Config memory c, address deployer) public returns (Deployment memory d) {
        d.consentRegistry = new ConsentRegistry();
        d.recordAnchor = new RecordAnchor(deployer);
        d.marketplace = new DataMarketplace(deployer, c.treasury, c.feeBps, c.licenseUri);
        if (c.testDollar) d.testDollar = new TestDollar(c.admin);

        for (uint256 i; i < c.providers.length; ++i) {
            d.recordAnchor.grantRole(d.recordAnchor.PROVIDER_ROLE(), c.providers[i]);
        }
        for (uint256 i; i < c.curators.length; ++i) {
            d.marketplace.grantRole(d.marketplace.CURATOR_ROLE(), c.curators[i]);
        }
        if (c.admin != deployer) {
            d.recordAnchor.grantRole(bytes32(0), c.admin);
            d.recordAnchor.renounceRole(bytes32(0), deployer);
            d.marketplace.grantRole(bytes32(0), c.admin);
            d.marketplace.renounceRole(bytes32(0), deployer);
        }
    }

    /// @notice The deployment file's JSON.
    function toJson(Deployment memory d, uint256 startBlock) public returns (string memory) {
        string memory contracts = "contracts";
        vm.serializeAddress(contracts, "ConsentRegistry", address(d.consentRegistry));
        vm.serializeAddress(contracts, "RecordAnchor", address(d.recordAnchor));
        vm.serializeAddress(contracts, "DataLicense", address(d.marketplace.license()));
        contracts = vm.serializeAddress(contracts, "DataMarketplace", address(d.marketplace));
        if (address(d.testDollar) != address(0)) {
            contracts = vm.serializeAddress("contracts", "TestDollar", address(d.testDollar));
        }
        vm.serializeUint("deployment", "chainId", block.chainid);
        vm.serializeUint("deployment", "startBlock", startBlock);
        return vm.serializeString("deployment", "contracts", contracts);
    }

    function _just(address a) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }
}
