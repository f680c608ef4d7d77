// Copies what the .NET code needs from forge's out/ (ABI and bytecode of every contract under src/)
// into artifacts/, with a hash of the sources they came from so a stale artifact is caught by a test.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');
const target = join(root, 'artifacts');

function sourcesHash() {
  const files = [...walk(join(root, 'src'))].filter(f => f.endsWith('.sol'));
  files.push(join(root, 'foundry.toml'), join(root, 'package-lock.json'));
  const hash = createHash('sha256');
  for (const file of files.map(f => relative(root, f).split('\\').join('/')).sort()) {
    hash.update(file + '\n');
    hash.update(readFileSync(join(root, file)).toString('utf8').replace(/\r\n/g, '\n'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path); else yield path;
  }
}

const contracts = [];
let compiler = null;
for (const file of [...walk(out)].filter(f => f.endsWith('.json') && !f.includes('build-info'))) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const source = Object.keys(json.metadata?.settings?.compilationTarget ?? {})[0];
  if (!source?.startsWith('src/')) continue;
  const name = json.metadata.settings.compilationTarget[source];
  compiler = json.metadata.compiler.version;
  contracts.push({
    contractName: name,
    sourceName: source,
    abi: json.abi,
    bytecode: json.bytecode.object,
    deployedBytecode: json.deployedBytecode.object,
  });
}
contracts.sort((a, b) => a.contractName.localeCompare(b.contractName));

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const c of contracts) writeFileSync(join(target, `${c.contractName}.json`), JSON.stringify(c, null, 2) + '\n');
writeFileSync(join(target, 'manifest.json'), JSON.stringify({
  compiler,
  sourcesSha256: sourcesHash(),
  contracts: contracts.map(c => c.contractName),
}, null, 2) + '\n');
console.log(`exported ${contracts.length} contract artifacts to artifacts/`);
