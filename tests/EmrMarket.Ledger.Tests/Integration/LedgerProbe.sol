// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// A small contract for the Ledger client's integration tests: state, events, and every kind of revert.
contract LedgerProbe {
    error LedgerProbeNotEnough(address who, uint256 have, uint256 need);

    event Stored(address indexed who, string indexed tag, uint256 value, bytes note);

    mapping(address => uint256) public values;
    uint256 public total;
    string public label;

    constructor(string memory initialLabel) {
        label = initialLabel;
    }

    function store(string calldata tag, uint256 value, bytes calldata note) external {
        values[msg.sender] += value;
        total += value;
        emit Stored(msg.sender, tag, value, note);
    }

    function take(uint256 need) external {
        uint256 have = values[msg.sender];
        if (have < need) revert LedgerProbeNotEnough(msg.sender, have, need);
        values[msg.sender] = have - need;
    }

    function requirePositive(uint256 value) external pure returns (uint256) {
        require(value > 0, "value must be positive");
        return value;
    }

    function divide(uint256 a, uint256 b) external pure returns (uint256) {
        return a / b;
    }

    function describe(address who) external view returns (uint256 value, string memory currentLabel, uint256[] memory history) {
        history = new uint256[](2);
        history[0] = values[who];
        history[1] = total;
        return (values[who], label, history);
    }
}
