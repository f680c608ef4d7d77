// An independent canonicaliser for the tests: node's own JSON.parse and JSON.stringify, with keys sorted by
// JavaScript's default sort (UTF-16 code units), which is RFC 8785 for values within the IEEE 754 range.
// Mode "json": each stdin line is a JSON text, each stdout line its canonical form.
// Mode "numbers": each stdin line is an IEEE 754 double in hex, each stdout line ECMAScript's String(value).
import { createInterface } from 'node:readline';

const sort = (value) => Array.isArray(value) ? value.map(sort)
  : value !== null && typeof value === 'object'
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sort(value[k])]))
    : value;
const double = (hex) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
};
const mode = process.argv[2];
const out = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.length === 0) continue;
  out.push(mode === 'numbers' ? String(double(line)) : JSON.stringify(sort(JSON.parse(line))));
}
process.stdout.write(out.join('\n') + '\n');
