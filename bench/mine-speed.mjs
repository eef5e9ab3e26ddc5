// Mining speed, from the build: a 10-member family of ~100-line files (the express-routes corpus
// family, each member also copied under a second name), mined cold and warm; then the same family
// grown to 40 and to 160 members, to show how mining scales with the members. Prints the times; it
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
const more = 'Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa Quebec Romeo Sierra Tango Uniform Victor Whiskey Xray Yankee Zulu Amber Beryl Coral Dune'.split(' ');
const copies = (names) => names.flatMap((name, i) => {
  const member = members[i % members.length];
  return renameCopy(member.files, member.name, name, { byContext: true });
});
const ten = [...members.flatMap((member) => member.files), ...copies(extra)];
const forty = [...ten, ...copies(more)];
// Made-up names of three syllables, none a word of another: 120 more members.
const syllables = 'ka lo mi nu pe ri so ta ve zu'.split(' ');
const invented = Array.from({ length: 120 }, (_, i) => {
  const [a, b, c] = [i % 10, Math.floor(i / 10) % 10, Math.floor(i / 100)].map((k) => syllables[k]);
  return `${a}${b}${c}`.replace(/^./, (first) => first.toUpperCase());
});
const oneSixty = [...forty, ...copies(invented)];

const time = (files, label) => {
  const started = performance.now();
  const result = mineTemplate(files, { unit: 'file' });
  const ms = performance.now() - started;
  console.log(`${label}: ${ms.toFixed(0)} ms (${result.report.members.length} members, level ${result.report.level})`);
  return ms;
};
const median = (files, label) => {
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(time(files, `${label} warm #${i + 1}`));
  warm.sort((a, b) => a - b);
  return warm[2] ?? 0;
};
const lines = ten.reduce((sum, file) => sum + file.content.split('\n').length, 0);
console.log(`family: ${ten.length} files, ${Math.round(lines / ten.length)} lines each on average`);
time(ten, 'cold (first run: TypeScript scanner and renderer warm-up included)');
console.log(`median warm: ${median(ten, '10 members').toFixed(0)} ms`);
console.log(`40 members, median warm: ${median(forty, '40 members').toFixed(0)} ms`);
console.log(`160 members, median warm: ${median(oneSixty, '160 members').toFixed(0)} ms`);
