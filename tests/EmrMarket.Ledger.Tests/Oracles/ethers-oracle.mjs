// Independent reference answers from ethers 6 and @openzeppelin/merkle-tree for the differential tests.
// Reads one JSON request {op, cases} on stdin and writes one JSON array of answers, so a whole batch
// of cases costs one node start. Run with contracts/node_modules on NODE_PATH (see EthersOracle.cs).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.env.EMR_CONTRACTS_DIR, 'package.json'));
const { Wallet, Transaction, TypedDataEncoder, SigningKey, hashMessage, getBytes } = require('ethers');
const { StandardMerkleTree } = require('@openzeppelin/merkle-tree');

const request = JSON.parse(readFileSync(0, 'utf8'));

const ops = {
  // Decode our raw transaction and re-sign the same fields with ethers.
  tx: ({ key, raw, fields }) => {
    const parsed = Transaction.from(raw);
    const wallet = new Wallet(key);
    const tx = Transaction.from({ ...fields, to: fields.to ?? null });
    tx.signature = wallet.signingKey.sign(tx.unsignedHash);
    return {
      from: parsed.from, hash: parsed.hash, type: parsed.type, chainId: parsed.chainId.toString(),
      nonce: parsed.nonce, gasLimit: parsed.gasLimit.toString(), to: parsed.to, value: parsed.value.toString(),
      data: parsed.data, maxFeePerGas: parsed.maxFeePerGas?.toString() ?? null,
      maxPriorityFeePerGas: parsed.maxPriorityFeePerGas?.toString() ?? null, gasPrice: parsed.gasPrice?.toString() ?? null,
      ethersRaw: tx.serialized,
    };
  },
  typedData: ({ key, domain, types, primaryType, message }) => {
    const { EIP712Domain, ...rest } = types;
    return {
      encodeType: TypedDataEncoder.from(rest).encodeType(primaryType),
      domainSeparator: TypedDataEncoder.hashDomain(domain),
      digest: TypedDataEncoder.hash(domain, rest, message),
      signature: new SigningKey(key).sign(TypedDataEncoder.hash(domain, rest, message)).serialized,
    };
  },
  personal: ({ key, message }) => ({
    hash: hashMessage(getBytes(message)),
    signature: new SigningKey(key).sign(hashMessage(getBytes(message))).serialized,
  }),
  merkle: ({ values, encoding, proofs }) => {
    const tree = StandardMerkleTree.of(values, encoding);
    return { root: tree.root, proofs: proofs.map(i => tree.getProof(i)) };
  },
};

const op = ops[request.op];
if (!op) throw new Error(`unknown op ${request.op}`);
process.stdout.write(JSON.stringify(request.cases.map(op)));
