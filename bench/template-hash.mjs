// Which families a change to the miner touches: for every family laid out (bench/EXTERNAL.md), a
// hash of every template mined from it (the whole family, then each leave-one-out), one line per
// family and an overall hash last. Two builds whose lines agree mine the same templates there, so
// only the families whose lines differ need scoring again; the same build run twice must agree
// with itself (mining is deterministic).
//
//   npm run build   (or: npx tsc -p tsconfig.build.json --outDir <dir>, then WOPT_DIST=<dir>)
//   node bench/template-hash.mjs <families-dir> [<families-dir> ...] > hashes.txt
//   diff hashes-before.txt hashes-after.txt
//
// A mining that fails hashes its error's code and message, so a change in what is refused shows too.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { familyDirs, loadFamily } from './held-out.mjs';

const dist = resolve(process.env.WOPT_DIST ?? join(import.meta.dirname, '..', 'dist'));
const { mineTemplate } = await import(join(dist, 'miner', 'index.js'));

/** The hash of what mining these members gives: the template, or the error it fails with. */
function minedHash(members) {
  const hash = createHash('sha256');
  try {
    hash.update(JSON.stringify(mineTemplate(members.flatMap((member) => member.files)).template));
  } catch (error) {
    hash.update(`error ${error.code ?? ''} ${error.message}`);
  }
  return hash.digest('hex');
}

function main(args) {
  if (args.length === 0 || args.some((arg) => arg.startsWith('-'))) {
    console.error('usage: node bench/template-hash.mjs <families-dir> [<families-dir> ...]');
    return 2;
  }
  const { laidOut: dirs } = familyDirs(args);
  const overall = createHash('sha256');
  const lines = dirs
    .map((dir) => {
      const family = loadFamily(dir);
      const sets = [family.members, ...family.members.map((_, held) => family.members.filter((__, k) => k !== held))];
      const hash = createHash('sha256');
      for (const members of sets) hash.update(minedHash(members));
      return `${family.id} ${hash.digest('hex').slice(0, 16)}`;
    })
    .sort();
  for (const line of lines) {
    overall.update(line);
    console.log(line);
  }
  console.log(`overall ${overall.digest('hex').slice(0, 16)} (${lines.length} families)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
