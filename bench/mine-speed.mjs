// Mining speed, from the build: a 10-member family of ~100-line files (the express-routes corpus
// family, each member also copied under a second name), mined cold and warm. Prints the times; it
// asserts nothing (timings belong in a benchmark, not in tests).
//   npm run build && node bench/mine-speed.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mineTemplate, renameCopy } from '../dist/miner/index.js';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'families', 'express-routes');
const family = JSON.parse(readFileSync(join(dir, 'family.json'), 'utf8'));
const members = family.members.map((member) => ({
  name: member.name,
  files: member.files.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') })),
}));
const extra = ['Invoice', 'Warehouse', 'Customer', 'ShippingAddress', 'Review'];
const files = [...members.flatMap((member) => member.files), ...members.flatMap((member, i) => renameCopy(member.files, member.name, extra[i] ?? `Extra${i}`, { byContext: true }))];
const lines = files.reduce((sum, file) => sum + file.content.split('\n').length, 0);

const time = (label) => {
  const started = performance.now();
  const result = mineTemplate(files, { unit: 'file' });
  const ms = performance.now() - started;
  console.log(`${label}: ${ms.toFixed(0)} ms (${result.report.members.length} members, level ${result.report.level})`);
  return ms;
};
console.log(`family: ${files.length} files, ${Math.round(lines / files.length)} lines each on average`);
time('cold (first run: TypeScript scanner and renderer warm-up included)');
const warm = [];
for (let i = 0; i < 5; i++) warm.push(time(`warm #${i + 1}`));
warm.sort((a, b) => a - b);
console.log(`median warm: ${(warm[2] ?? 0).toFixed(0)} ms`);
