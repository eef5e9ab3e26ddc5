// The external leave-one-out protocol of bench/eval-external.mjs run through the library instead of
// the CLI, for working on the miner: about twenty times faster, and close to the CLI's numbers but
// not the same (no prettier formatting check, the members given to mineTemplate rather than read
// from a glob). Numbers that are reported come from eval-external.mjs.
//
//   npm run build   (or: npx tsc -p tsconfig.build.json --outDir <dir>, then WOPT_DIST=<dir>)
//   node bench/eval-in-process.mjs <families-dir> [<families-dir> ...] [--family id ...] [--verbose]
//
// Families whose files are not all laid out (bench/EXTERNAL.md) are skipped and counted, so
// `node bench/eval-in-process.mjs /work/ext*` scores whatever is there.
//
// Prints one line per family and an overall line (exact rate over members, similarity
// line-weighted, both for the miner and the rename-copy baseline; WORSE marks a family below the
// baseline); --verbose adds lines per member: the params mined, the values passed and both scores.
import { join, resolve } from 'node:path';
import { ENTITY, familyDirs, heldOutValues, loadFamily } from './held-out.mjs';

const dist = resolve(process.env.WOPT_DIST ?? join(import.meta.dirname, '..', 'dist'));
const { mineTemplate, generateMember, compareFiles, renameCopyBaseline } = await import(join(dist, 'miner', 'index.js'));
const { coerceParam } = await import(join(dist, 'generate', 'input.js'));

function parseArgs(argv) {
  const options = { dirs: [], families: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--family') options.families.push(argv[++i] ?? '');
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) throw new Error('missing <families-dir>');
  return options;
}

/** The held-out member generated from a template mined from the others, scored; undefined when mining or generating failed. */
function minerScore(family, held, others, verbose) {
  try {
    const mined = mineTemplate(others.flatMap((member) => member.files));
    const spec = mined.template.manifest.params;
    // The shape `wopt mine --json` prints, which heldOutValues reads.
    const loo = { params: Object.keys(spec).map((name) => ({ name })), members: mined.params };
    const { sets } = heldOutValues(loo, others, held);
    const params = { [ENTITY]: held.name };
    for (const set of sets) {
      const at = set.indexOf('=');
      const name = set.slice(0, at);
      params[name] = coerceParam(name, spec[name], set.slice(at + 1));
    }
    if (verbose) console.log(`  ${family.id} ${held.name}: params ${Object.keys(spec).join(',')}; --set ${sets.join(' ') || '(none)'}`);
    return compareFiles(generateMember(mined.template, params), held.files);
  } catch (error) {
    if (verbose) console.log(`  ${family.id} ${held.name}: ${error.code ?? 'error'} ${String(error.message).split('\n')[0]}`);
    return undefined;
  }
}

const score = (result) => (result === undefined ? 'failed' : result.exact ? 'exact' : result.similarity.toFixed(3));

function row(label, scores) {
  let exact = 0;
  let baseExact = 0;
  let lines = 0;
  let similar = 0;
  let baseSimilar = 0;
  for (const { miner, baseline } of scores) {
    exact += miner?.exact ? 1 : 0;
    baseExact += baseline.exact ? 1 : 0;
    lines += baseline.lines;
    similar += baseline.lines * (miner?.similarity ?? 0);
    baseSimilar += baseline.lines * baseline.similarity;
  }
  const rate = (count) => `${((100 * count) / scores.length).toFixed(1).padStart(5)}%`;
  const mean = (sum) => (lines === 0 ? 0 : sum / lines).toFixed(3);
  const worse = similar < baseSimilar || exact < baseExact ? '  WORSE' : '';
  return `${label.padEnd(48)} ${String(scores.length).padStart(3)}  miner ${rate(exact)} ${mean(similar)}  base ${rate(baseExact)} ${mean(baseSimilar)}${worse}`;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`eval-in-process: ${error.message}\nusage: node bench/eval-in-process.mjs <families-dir> [<families-dir> ...] [--family id ...] [--verbose]`);
    return 2;
  }
  const { laidOut, skipped } = familyDirs(options.dirs, options.families);
  const all = [];
  for (const dir of laidOut) {
    const family = loadFamily(dir);
    const scores = family.members.map((held, index) => {
      const others = family.members.filter((_, k) => k !== index);
      const baseline = compareFiles(renameCopyBaseline(others, { name: held.name, paths: held.files.map((file) => file.path) }).files, held.files);
      const miner = minerScore(family, held, others, options.verbose);
      if (options.verbose) console.log(`  ${family.id} ${held.name}: miner ${score(miner)} base ${score(baseline)}`);
      return { miner, baseline };
    });
    console.log(row(family.id, scores));
    all.push(...scores);
  }
  console.log(row('OVERALL', all));
  if (skipped > 0) console.log(`skipped ${skipped} families whose files are not all laid out`);
  return 0;
}

process.exitCode = main();
