// The leave-one-out protocol's shared parts (bench/eval-external.mjs through the CLI,
// bench/eval-in-process.mjs through the library): reading a family, and the held-out member's
// values for the params mined from the others (step 2 of eval-external.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commonFolder } from '../dist/miner/group.js';

export const ENTITY = 'name';
/** The miner's flags for files written with Windows line ends (see step 2 of eval-external.mjs). */
const LINE_ENDS_FLAG = /^windowsLineEnds\d*$/;

/** Whether every file family.json lists is there (a family being laid out again is not yet: bench/EXTERNAL.md). */
function isLaidOut(dir) {
  const json = JSON.parse(readFileSync(join(dir, 'family.json'), 'utf8'));
  return json.members.every((member) => member.files.every((path) => existsSync(join(dir, path))));
}

/**
 * The family folders (those holding a family.json) in `roots`, each root's in name order, `ids`
 * only where given: `laidOut` those whose files are all there, `skipped` how many are not yet.
 */
export function familyDirs(roots, ids = []) {
  const dirs = roots.flatMap((root) =>
    readdirSync(resolve(root), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(resolve(root), entry.name, 'family.json')))
      .filter((entry) => ids.length === 0 || ids.includes(entry.name))
      .map((entry) => join(resolve(root), entry.name))
      .sort(),
  );
  const laidOut = dirs.filter(isLaidOut);
  return { laidOut, skipped: dirs.length - laidOut.length };
}

export function loadFamily(dir) {
  const json = JSON.parse(readFileSync(join(dir, 'family.json'), 'utf8'));
  const folder = commonFolder(json.members.flatMap((member) => member.files));
  return {
    id: json.id,
    repo: json.repo,
    from: json.from,
    // The issue's protocol: everything below the members' folder, the grouping guessed by wopt.
    glob: folder === '' ? '**/*' : `${folder}/**/*`,
    unit: json.unit,
    members: json.members.map((member) => ({
      name: member.name,
      files: member.files.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8') })),
      params: member.params,
    })),
  };
}

const filesKey = (files) => [...files].sort().join('\n');
const sameValue = (a, b) => formatValue(a) === formatValue(b);
// A member the real param is missing from holds no value for it (an absent optional part).
const realValue = (member, real) => member.params?.[real] ?? '';
const formatValue = (value) => (Array.isArray(value) ? value.join(',') : String(value));

/**
 * The held-out member's values for the leave-one-out params, from the family's real parameters
 * (`members[].params` in family.json): a mined param whose value on every other member equals a
 * real param's value there is that param, and gets the held-out member's real value with `--set`.
 * A member that has no place for a mined text param reports no value for it (`mine --json` leaves
 * it out: a database name beside a service without a database): the param is matched on the
 * members that report it, two at least, as a user reading the values would. Mined params that
 * match no real param keep their defaults. Returns
 * { sets: ['key=value', ...], matched: [{ param, from }], unmatched: [param] }.
 */
export function heldOutValues(loo, others, held) {
  const result = { sets: [], matched: [], unmatched: [] };
  const looParams = loo.params.map((param) => param.name).filter((name) => name !== ENTITY && !LINE_ENDS_FLAG.test(name));
  if (looParams.length === 0) return result;
  const realNames = [...new Set(others.flatMap((member) => Object.keys(member.params ?? {})))];
  const minedByFiles = new Map(loo.members.map((member) => [filesKey(member.files), member]));
  const allPairs = others.map((member) => [member, minedByFiles.get(filesKey(member.files.map((file) => file.path)))]);
  const complete = allPairs.every(([, mined]) => mined !== undefined);
  for (const name of looParams) {
    const pairs = complete ? allPairs.filter(([, mined]) => Object.hasOwn(mined.params, name)) : allPairs;
    const match =
      complete &&
      (pairs.length === allPairs.length || pairs.length >= 2) &&
      realNames.find((real) => pairs.every(([member, mined]) => sameValue(mined.params[name], realValue(member, real))));
    const value = match ? held.params?.[match] : undefined;
    if (value !== undefined) {
      result.sets.push(`${name}=${formatValue(value)}`);
      result.matched.push({ param: name, from: match });
      continue;
    }
    const derived = complete && pairs.length >= 2 ? derivedValue(pairs.map(([member, mined]) => [member, mined.params[name]]), realNames, held) : undefined;
    // A held-out member without the real param has none of that part: nothing to pass.
    if (derived === undefined) {
      result.unmatched.push(name);
      continue;
    }
    result.sets.push(`${name}=${derived.value}`);
    result.matched.push({ param: name, from: `${derived.from} (${derived.how})` });
  }
  return result;
}

/**
 * The held-out value of a mined text param that is the varying part of a real param, or holds it,
 * within the same text on every other member (see step 2): { value, from, how } or undefined.
 * @param minedValues [member, its mined value] for every other member
 */
function derivedValue(minedValues, realNames, held) {
  const values = minedValues.map(([, value]) => value);
  if (values.some((value) => typeof value !== 'string' || value === '') || new Set(values).size < 2) return undefined;
  const occurrences = (text, part) => {
    const found = [];
    for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) found.push(at);
    return found;
  };
  for (const real of realNames) {
    const reals = minedValues.map(([member]) => member.params?.[real]);
    const heldReal = held.params?.[real];
    if (reals.some((value) => typeof value !== 'string' || value === '') || typeof heldReal !== 'string') continue;
    // The real value is the mined one with the same text around it: take that text off.
    for (const at of occurrences(reals[0], values[0])) {
      const before = reals[0].slice(0, at);
      const after = reals[0].slice(at + values[0].length);
      const around = reals.every((value, k) => value === before + values[k] + after);
      if (around && heldReal.length > before.length + after.length && heldReal.startsWith(before) && heldReal.endsWith(after)) {
        return { value: heldReal.slice(before.length, heldReal.length - after.length), from: real, how: `without ${JSON.stringify(before)}…${JSON.stringify(after)}` };
      }
    }
    // The mined value is the real one with the same text around it: put that text on.
    for (const at of occurrences(values[0], reals[0])) {
      const before = values[0].slice(0, at);
      const after = values[0].slice(at + reals[0].length);
      if (values.every((value, k) => value === before + reals[k] + after)) return { value: before + heldReal + after, from: real, how: `with ${JSON.stringify(before)}…${JSON.stringify(after)}` };
    }
  }
  return undefined;
}
