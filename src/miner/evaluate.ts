/**
 * Leave-one-out evaluation of the miner on one family (pure: the caller reads the files).
 *
 * For each member: mine from the other members, generate the held-out member from its name alone
 * (every other param at its default), and compare with the real files; next to it, the rename-copy
 * baseline (see score.ts) and the rename-copy oracle (the best copy in hindsight).
 */
import { generateMember } from './generate.js';
import { mineTemplate } from './mine.js';
import { compareFiles, renameCopyBaseline, renameCopyOracle, unbalancedFiles, type Comparison } from './score.js';
import type { Example } from './types.js';

export interface FamilyInput {
  readonly id: string;
  readonly unit?: 'file' | 'folder' | 'auto' | undefined;
  readonly members: ReadonlyArray<{ readonly name: string; readonly files: readonly Example[] }>;
}

export interface MemberScore {
  readonly name: string;
  readonly miner: Comparison | undefined;
  /** Set when mining or generating failed. */
  readonly error?: string | undefined;
  readonly baseline: Comparison;
  readonly baselineSource: string;
  /** The same baseline with every form chosen from its context (see RenameOptions.byContext). */
  readonly carefulBaseline: Comparison;
  readonly oracle: Comparison;
  readonly oracleSource: string;
  /** The level the miner reached (see MineReport.level). */
  readonly level?: string | undefined;
  readonly mineMs: number;
  /** Generated files whose brackets do not balance as the real ones do (see unbalancedFiles). */
  readonly unbalanced?: readonly string[] | undefined;
}

/** Exact-match rates over members, and line similarities weighted by each member's lines. */
export interface Rates {
  readonly minerExact: number;
  readonly baselineExact: number;
  readonly oracleExact: number;
  readonly minerSimilarity: number;
  readonly baselineSimilarity: number;
  readonly oracleSimilarity: number;
  /** The careful rename-copy baseline (forms chosen by context), for reference. */
  readonly carefulBaselineExact: number;
  readonly carefulBaselineSimilarity: number;
}

export interface FamilyScore extends Rates {
  readonly id: string;
  readonly members: readonly MemberScore[];
  readonly lines: number;
  /** Mining every member's own family (all members), for the round trip and timing. */
  readonly fullMineMs: number;
}

const weighted = (scores: ReadonlyArray<Comparison | undefined>, lines: readonly number[]): number => {
  const total = lines.reduce((sum, n) => sum + n, 0);
  const same = scores.reduce((sum, score, i) => sum + (score === undefined ? 0 : score.similarity * (lines[i] ?? 0)), 0);
  return total === 0 ? 0 : same / total;
};

/** Leave-one-out over one family. `now` is the clock (performance.now by default). */
export function evaluateFamily(family: FamilyInput, now: () => number = () => performance.now()): FamilyScore {
  const members: MemberScore[] = [];
  for (const [index, held] of family.members.entries()) {
    const others = family.members.filter((_, i) => i !== index);
    const baseline = renameCopyBaseline(others, { name: held.name, paths: held.files.map((file) => file.path) });
    const oracle = renameCopyOracle(others, held);
    let miner: Comparison | undefined;
    let error: string | undefined;
    let level: string | undefined;
    let unbalanced: string[] | undefined;
    const started = now();
    let mineMs = 0;
    try {
      const mined = mineTemplate(
        others.flatMap((member) => member.files),
        { unit: family.unit },
      );
      mineMs = now() - started;
      level = mined.report.level;
      const generated = generateMember(mined.template, { name: held.name });
      miner = compareFiles(generated, held.files);
      unbalanced = unbalancedFiles(generated, held.files);
    } catch (caught) {
      mineMs = now() - started;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    members.push({
      name: held.name,
      miner,
      error,
      level,
      baseline: compareFiles(baseline.files, held.files),
      baselineSource: baseline.source,
      carefulBaseline: compareFiles(renameCopyBaseline(others, { name: held.name, paths: held.files.map((file) => file.path) }, { byContext: true }).files, held.files),
      oracle: compareFiles(oracle.files, held.files),
      oracleSource: oracle.source,
      mineMs,
      unbalanced,
    });
  }
  const started = now();
  try {
    mineTemplate(
      family.members.flatMap((member) => member.files),
      { unit: family.unit },
    );
  } catch {
    // reported by the round-trip tests
  }
  const fullMineMs = now() - started;
  const lines = members.map((member) => member.baseline.lines);
  return { id: family.id, members, ...rates(members), lines: lines.reduce((sum, n) => sum + n, 0), fullMineMs };
}

function rates(members: readonly MemberScore[]): Rates {
  const lines = members.map((member) => member.baseline.lines);
  const rate = (pick: (member: MemberScore) => boolean) => (members.length === 0 ? 0 : members.filter(pick).length / members.length);
  return {
    minerExact: rate((member) => member.miner?.exact === true),
    baselineExact: rate((member) => member.baseline.exact),
    oracleExact: rate((member) => member.oracle.exact),
    carefulBaselineExact: rate((member) => member.carefulBaseline.exact),
    carefulBaselineSimilarity: weighted(
      members.map((member) => member.carefulBaseline),
      lines,
    ),
    minerSimilarity: weighted(
      members.map((member) => member.miner),
      lines,
    ),
    baselineSimilarity: weighted(
      members.map((member) => member.baseline),
      lines,
    ),
    oracleSimilarity: weighted(
      members.map((member) => member.oracle),
      lines,
    ),
  };
}

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;
const sim = (value: number): string => value.toFixed(3);

export interface Totals extends Rates {
  readonly members: number;
}

/** Overall rates: exact over all members; similarity line-weighted over all members. */
export function totals(families: readonly FamilyScore[]): Totals {
  const all = families.flatMap((family) => family.members);
  return { ...rates(all), members: all.length };
}

/** The Markdown table of an evaluation. */
export function formatTable(families: readonly FamilyScore[]): string {
  const rows = [
    '| family | members | miner exact | baseline exact | oracle exact | miner similarity | baseline similarity | oracle similarity | mine all (ms) | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const family of families) {
    const errors = family.members.filter((member) => member.error !== undefined).map((member) => member.name);
    rows.push(
      `| ${family.id} | ${family.members.length} | ${pct(family.minerExact)} | ${pct(family.baselineExact)} | ${pct(family.oracleExact)} | ${sim(family.minerSimilarity)} | ${sim(family.baselineSimilarity)} | ${sim(family.oracleSimilarity)} | ${family.fullMineMs.toFixed(0)} | ${errors.join(', ')} |`,
    );
  }
  const all = totals(families);
  rows.push(
    `| **overall** | ${all.members} | ${pct(all.minerExact)} | ${pct(all.baselineExact)} | ${pct(all.oracleExact)} | ${sim(all.minerSimilarity)} | ${sim(all.baselineSimilarity)} | ${sim(all.oracleSimilarity)} | | |`,
  );
  return rows.join('\n');
}
