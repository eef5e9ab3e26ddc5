// Leave-one-out evaluation of the miner on real families from public repositories, through the CLI
// only (issue 5, "How quality is measured": the external set).
//
//   npm run build
//   node bench/eval-external.mjs <families-dir> [--family id ...] [--json out.json] [--timeout 60] [--keep]
//
// <families-dir> holds one folder per family: the family's files at their original repo-relative
// paths plus a family.json ({ id, repo, description, from, unit, members: [{ name, files, commits,
// params? }] }, the shape of test/fixtures/families/*/family.json; `params` holds a member's real
// parameters other than the name: strings as they appear in its files, booleans for optional
// parts). The families are public code kept outside the project (evaluation data, never committed).
//
// For each family and each held-out member:
//   1. an empty temp project gets the OTHER members at their original paths, and
//      `wopt mine '<folder>/**/*' --json` runs there (a spawned CLI process; <folder> is the folder
//      all the family's files are in, and wopt guesses the grouping, as the issue's protocol has it);
//   2. its per-member param values are matched to the real parameters: a mined param whose value on
//      every other member equals a real param's is that param, and the held-out member's real value
//      is passed with `--set key=value` (booleans as true/false, lists comma-separated); the entity
//      param `name` is passed with `--name`. A text param that takes two values or more and is the
//      varying part of a real param (the real value is the same text around it on every other member:
//      `Australia` in `English (Australia)`), or holds it within the same text, gets the held-out
//      member's real value with that text taken off (put on): the annotation's granularity is not
//      the miner's to guess. The line-ends flags (`windowsLineEnds`: which files a member writes with
//      CRLF) are matched to no real param: no annotation describes line ends, and a coincidence on
//      the other members (the one CRLF member is the one with autoscaling) would pass one for a
//      content param. A text param some members have no place for (`mine --json` leaves it out of
//      theirs) is matched on the members that report it, two at least. Mined params matching no
//      real param keep their defaults;
//   3. `wopt gen <family-id> --from '<folder>/**/*' --name <Name> --yes [--set ...]` runs in the
//      leave-one-out project; the files it creates or changes (wopt's own bookkeeping excluded:
//      .wopt/, templates/.versions/, wopt.generated.json) are compared with the held-out member's
//      real files: exact = every file byte-identical, paths included; similarity = the line
//      similarity of src/miner/score.ts (compareFiles, through dist/miner);
//   4. the rename-copy baseline (renameCopyBaseline of score.ts) is scored on the same member.
// Rates are those of src/miner/evaluate.ts (totals): exact over members, similarity line-weighted.
//
// A CLI call that exits non-zero with a `wopt: ... [E_CODE]` line is a refusal (reported, scored as
// nothing generated); a crash is an "internal error" stack, a signal, a timeout or an unknown exit
// code. Exits 1 if any CLI call crashed (2 on bad arguments); families worse than the baseline are
// flagged in the output, not failed. Compiled templates are cached in a temp dir (WOPT_CACHE_DIR),
// never in the user's cache.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareFiles, renameCopyBaseline, renameCopyOracle, totals } from '../dist/miner/index.js';
import { heldOutValues, loadFamily } from './held-out.mjs';

const repoRoot = join(import.meta.dirname, '..');
const CLI = join(repoRoot, 'dist', 'cli', 'wopt.cjs');
const BOOKKEEPING = [/^\.wopt\//, /^templates\/\.versions\//, /^wopt\.generated\.json$/];

function parseArgs(argv) {
  const options = { dir: undefined, families: [], json: undefined, timeoutMs: 60_000, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--family') options.families.push(next());
    else if (arg === '--json') options.json = next();
    else if (arg === '--timeout') options.timeoutMs = 1000 * Number(next());
    else if (arg === '--keep') options.keep = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (options.dir === undefined) options.dir = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (options.dir === undefined) throw new Error('missing <families-dir>');
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) throw new Error('--timeout takes seconds');
  return options;
}

/** Every file under `dir`, relative, '/'-separated, sorted. */
function listTree(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTree(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

function snapshot(dir) {
  const files = new Map();
  for (const path of listTree(dir)) {
    if (BOOKKEEPING.some((re) => re.test(path))) continue;
    files.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return files;
}

function layOut(members) {
  const dir = mkdtempSync(join(tmpdir(), 'wopt-ext-'));
  for (const member of members) {
    for (const file of member.files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
  }
  return dir;
}

/** Runs the CLI; resolves { status: 'ok' | 'refused' | 'crashed', code, signal, stdout, stderr, ms, why }. */
function runCli(args, cwd, env, timeoutMs) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const ms = performance.now() - started;
      let status = 'ok';
      let why;
      if (timedOut) [status, why] = ['crashed', `timed out after ${timeoutMs / 1000} s`];
      else if (signal !== null) [status, why] = ['crashed', `killed by ${signal}`];
      else if (/internal error/.test(stderr)) [status, why] = ['crashed', firstLine(stderr.slice(stderr.indexOf('internal error')))];
      else if (code !== 0 && ![1, 2, 3, 4].includes(code)) [status, why] = ['crashed', `exit code ${code}: ${firstLine(stderr)}`];
      else if (code !== 0) [status, why] = ['refused', firstLine(stderr) || `exit code ${code}, no message`];
      done({ status, code, signal, stdout, stderr, ms, why });
    });
  });
}

const firstLine = (text) => text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';

function parseMine(result) {
  if (result.status !== 'ok') return undefined;
  try {
    return JSON.parse(result.stdout);
  } catch {
    result.status = 'crashed';
    result.why = `mine --json printed no JSON document: ${firstLine(result.stdout)}`;
    return undefined;
  }
}

async function evaluateMember(family, index, options, env) {
  const held = family.members[index];
  const others = family.members.filter((_, i) => i !== index);
  const heldPaths = held.files.map((file) => file.path);
  const record = { name: held.name, files: heldPaths, calls: [] };

  const baseline = renameCopyBaseline(others, { name: held.name, paths: heldPaths });
  record.baseline = compareFiles(baseline.files, held.files);
  record.baselineSource = baseline.source;
  // The careful baseline (forms chosen by context, as the miner chooses them), for reference.
  record.carefulBaseline = compareFiles(renameCopyBaseline(others, { name: held.name, paths: heldPaths }, { byContext: true }).files, held.files);
  const oracle = renameCopyOracle(others, held);
  record.oracle = compareFiles(oracle.files, held.files);

  const looDir = layOut(others);
  try {
    const call = async (label, args, cwd) => {
      const result = await runCli(args, cwd, env, options.timeoutMs);
      record.calls.push({ label, args, status: result.status, code: result.code, ms: Math.round(result.ms), why: result.why });
      return result;
    };
    const looMine = await call('mine (others)', ['mine', family.glob, '--json'], looDir);
    const loo = parseMine(looMine);
    if (looMine.status !== 'ok') record.calls.at(-1).status = looMine.status;
    const values = loo === undefined ? { sets: [], matched: [], unmatched: [] } : heldOutValues(loo, others, held);
    record.sets = values.sets;
    record.matched = values.matched;
    record.unmatched = values.unmatched;
    record.looParams = loo?.params.map((param) => param.name) ?? [];

    const before = snapshot(looDir);
    const gen = await call('gen', ['gen', family.id, '--from', family.glob, '--name', held.name, '--yes', ...values.sets.flatMap((set) => ['--set', set])], looDir);
    const after = snapshot(looDir);
    const generated = [...after].filter(([path, content]) => before.get(path) !== content).map(([path, content]) => ({ path, content }));
    record.generated = generated.map((file) => file.path);
    record.miner = gen.status === 'ok' ? compareFiles(generated, held.files) : undefined;
    record.error = record.calls.filter((c) => c.status !== 'ok').map((c) => `${c.label} ${c.status}: ${c.why}`)[0];
  } finally {
    if (options.keep) record.dirs = { loo: looDir };
    else rmSync(looDir, { recursive: true, force: true });
  }
  record.crashed = record.calls.some((c) => c.status === 'crashed');
  record.refused = !record.crashed && record.calls.some((c) => c.status === 'refused');
  record.ms = record.calls.reduce((sum, c) => sum + c.ms, 0);
  return record;
}

const pct = (value) => `${(100 * value).toFixed(1)}%`;
const sim = (value) => value.toFixed(3);
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function familyTable(results) {
  const rows = [
    '| family | unit | members | miner exact | baseline exact | best copy exact | miner similarity | baseline similarity | best copy similarity | refusals | crashes | time (s) | |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const family of results) {
    const t = totals([family]);
    const refusals = family.members.filter((m) => m.refused).length;
    const crashes = family.members.filter((m) => m.crashed).length;
    const worse = t.minerSimilarity < t.baselineSimilarity || t.minerExact < t.baselineExact;
    rows.push(
      `| ${family.id} | ${family.unit} | ${family.members.length} | ${pct(t.minerExact)} | ${pct(t.baselineExact)} | ${pct(t.oracleExact)} | ${sim(t.minerSimilarity)} | ${sim(t.baselineSimilarity)} | ${sim(t.oracleSimilarity)} | ${refusals} | ${crashes} | ${(family.ms / 1000).toFixed(1)} | ${worse ? '**worse than baseline**' : ''} |`,
    );
  }
  const all = totals(results);
  const refusals = results.flatMap((f) => f.members).filter((m) => m.refused).length;
  const crashes = results.flatMap((f) => f.members).filter((m) => m.crashed).length;
  const ms = results.reduce((sum, f) => sum + f.ms, 0);
  rows.push(
    `| **overall** | | ${all.members} | ${pct(all.minerExact)} | ${pct(all.baselineExact)} | ${pct(all.oracleExact)} | ${sim(all.minerSimilarity)} | ${sim(all.baselineSimilarity)} | ${sim(all.oracleSimilarity)} | ${refusals} | ${crashes} | ${(ms / 1000).toFixed(1)} | |`,
  );
  return rows.join('\n');
}

function memberTable(family) {
  const rows = [
    `#### ${family.id} (${family.repo}, \`${family.glob}\`)`,
    '',
    '| held out | miner | baseline (copy of) | params of the leave-one-out template | --set passed | generated paths | notes |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const m of family.members) {
    const miner = m.miner === undefined ? 'n/a' : `${m.miner.exact ? 'exact' : sim(m.miner.similarity)}`;
    const base = `${m.baseline.exact ? 'exact' : sim(m.baseline.similarity)} (${m.baselineSource})`;
    const notes = [];
    if (m.error) notes.push(m.error);
    if (m.miner?.missing.length) notes.push(`missing: ${m.miner.missing.join(', ')}`);
    if (m.miner?.extra.length) notes.push(`extra: ${m.miner.extra.join(', ')}`);
    if (m.unmatched?.length) notes.push(`no held-out value for: ${m.unmatched.join(', ')}`);
    const how = m.matched?.filter((x) => x.param !== x.from).map((x) => `${x.param}←${x.from}`) ?? [];
    if (how.length) notes.push(`matched to real params: ${how.join(', ')}`);
    rows.push(
      `| ${m.name} | ${miner} | ${base} | ${cell(m.looParams?.join(', ') || '-')} | ${cell(m.sets?.join(' ') || '-')} | ${cell(m.generated?.join(', ') || '-')} | ${cell(notes.join('; '))} |`,
    );
  }
  return rows.join('\n');
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`eval-external: ${error.message}\nusage: node bench/eval-external.mjs <families-dir> [--family id ...] [--json out.json] [--timeout seconds] [--keep]`);
    return 2;
  }
  if (!existsSync(CLI)) {
    console.error(`eval-external: ${CLI} is missing; run npm run build first`);
    return 2;
  }
  const root = resolve(options.dir);
  let ids = readdirSync(root).filter((name) => existsSync(join(root, name, 'family.json')) && statSync(join(root, name)).isDirectory()).sort();
  if (options.families.length > 0) {
    const unknown = options.families.filter((id) => !ids.includes(id));
    if (unknown.length > 0) {
      console.error(`eval-external: no family ${unknown.join(', ')} in ${root}`);
      return 2;
    }
    ids = ids.filter((id) => options.families.includes(id));
  }
  const cacheDir = mkdtempSync(join(tmpdir(), 'wopt-ext-cache-'));
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', WOPT_CACHE_DIR: cacheDir };
  const results = [];
  try {
    for (const id of ids) {
      const family = loadFamily(join(root, id));
      const members = [];
      for (let i = 0; i < family.members.length; i++) members.push(await evaluateMember(family, i, options, env));
      const result = { id: family.id, repo: family.repo, glob: family.glob, unit: family.unit, members, ms: members.reduce((sum, m) => sum + m.ms, 0) };
      results.push(result);
      const t = totals([result]);
      console.error(`${family.id}: miner ${pct(t.minerExact)} exact, ${sim(t.minerSimilarity)} similar; baseline ${pct(t.baselineExact)}, ${sim(t.baselineSimilarity)}`);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const out = [familyTable(results), ''];
  const worse = results.filter((family) => {
    const t = totals([family]);
    return t.minerSimilarity < t.baselineSimilarity || t.minerExact < t.baselineExact;
  });
  out.push(worse.length === 0 ? 'No family is worse than the rename-copy baseline.' : `Worse than the rename-copy baseline (similarity or exact rate): ${worse.map((f) => f.id).join(', ')}.`);
  const all = totals(results);
  out.push(
    `Targets (issue 5): no family worse than the baseline; overall exact >= 2x baseline (${pct(2 * all.baselineExact)}) and >= 41%: ${pct(all.minerExact)}; similarity >= 0.85: ${sim(all.minerSimilarity)}; no crash.`,
  );
  out.push('', '### Per member', '');
  for (const family of results) out.push(memberTable(family), '');
  console.log(out.join('\n'));

  if (options.json !== undefined) {
    const strip = (c) => (c === undefined ? undefined : { exact: c.exact, similarity: c.similarity, lines: c.lines, missing: c.missing, extra: c.extra });
    const doc = results.map((family) => ({
      ...family,
      totals: totals([family]),
      members: family.members.map((m) => ({ ...m, miner: strip(m.miner), baseline: strip(m.baseline), oracle: strip(m.oracle) })),
    }));
    writeFileSync(options.json, `${JSON.stringify({ totals: all, families: doc }, null, 2)}\n`);
  }
  const crashes = results.flatMap((family) => family.members).filter((m) => m.crashed);
  if (crashes.length > 0) {
    console.error(`eval-external: the CLI crashed on ${crashes.length} member(s): ${crashes.map((m) => `${m.name} (${m.error})`).join('; ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
