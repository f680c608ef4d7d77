// ethers 6 signing + serialising EIP-1559 transactions on one core, for the ratio in the ledger suite.
// Usage: node ethers-sign.mjs <contracts dir> <seconds>; prints transactions per second.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.argv[2], 'package.json'));
const { SigningKey, Transaction, keccak256 } = require('ethers');
const seconds = Number(process.argv[3] ?? 3);
const key = new SigningKey(keccak256('0x01'));

function signOne(nonce) {
  const tx = Transaction.from({
    type: 2, chainId: 31337, nonce, gasLimit: 100000n, maxFeePerGas: 2000000000n, maxPriorityFeePerGas: 1000000000n,
    to: '0x000000000000000000000000000000000000dEaD', value: 1n, data: '0xa9059cbb' + '00'.repeat(64),
  });
  tx.signature = key.sign(tx.unsignedHash);
  return tx.serialized;
}

for (let i = 0; i < 2000; i++) signOne(i);
let count = 0;
const start = process.hrtime.bigint();
const limit = BigInt(seconds * 1e9);
while (process.hrtime.bigint() - start < limit) {
  for (let i = 0; i < 100; i++) signOne(count++);
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(Math.round(count / elapsed));
