#!/usr/bin/env node
// Builds an OpenZeppelin StandardMerkleTree with the official @openzeppelin/merkle-tree library and prints
// abi.encode(bytes32 root, bytes32[][] proofs) as hex, proofs in the order of the given values. Forge tests
// call it through vm.ffi to prove that trees built off chain by the reference library verify on chain.
//   node test/merkle/standard-tree.mjs '["address","uint256"]' '[["0xabc…","42"], …]'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { AbiCoder } from 'ethers';

const [types, values] = process.argv.slice(2).map(arg => JSON.parse(arg));
if (!Array.isArray(types) || !Array.isArray(values) || values.length === 0) {
  process.stderr.write('usage: standard-tree.mjs <leaf types as JSON> <non-empty values as JSON>\n');
  process.exit(2);
}
const tree = StandardMerkleTree.of(values, types);
const proofs = values.map((_, i) => tree.getProof(i));
process.stdout.write(AbiCoder.defaultAbiCoder().encode(['bytes32', 'bytes32[][]'], [tree.root, proofs]));
