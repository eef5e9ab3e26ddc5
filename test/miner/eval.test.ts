/**
 * Leave-one-out evaluation on the corpus (design §4): mine from all members but one, generate the
 * held-out member from its name alone, compare with its real files, next to the rename-copy
 * baseline. Prints the table (the same one `npm run eval:miner` prints from the build).
 *
 * The targets for the external public set are: no family worse than the baseline, exact
 * rate >= 2x the baseline's, similarity >= 0.85. Most families of this corpus are built from
 * deliberately irregular members (every member has content no other member predicts), so neither
 * the miner nor the baseline reproduces those exactly and similarity tops out far below 0.85; four
 * families (angular-http-services, fastapi-routers, feature-barrels, storybook-stories) mix regular
 * members with irregular ones, as real code does. The assertions below are what the miner reaches here, kept as
 * regression bars.
 */
import { describe, expect, test } from 'vitest';
import { evaluateFamily, formCheck, formatTable, totals, type FamilyScore } from '../../src/miner/index.js';
import { loadFamilies } from './corpus.js';

describe('leave-one-out evaluation', () => {
  const scores: FamilyScore[] = loadFamilies().map((family) => evaluateFamily(family));
  const all = totals(scores);

  test('prints the table', () => {
    console.log(`\n${formatTable(scores)}\n`);
    expect(scores).toHaveLength(19);
  });

  test('no crash on any family: every held-out member is mined and generated', () => {
    const errors = scores.flatMap((family) => family.members.filter((member) => member.error !== undefined).map((member) => `${family.id}/${member.name}: ${member.error}`));
    expect(errors).toEqual([]);
  });

  test('overall, the miner beats the rename-copy baseline', () => {
    expect(all.minerSimilarity).toBeGreaterThan(all.baselineSimilarity + 0.02);
    // Exact: every held-out member that the best copy in hindsight reproduces, the miner does too
    // (its regular members), and more where the baseline copies an irregular member.
    expect(all.minerExact).toBeGreaterThanOrEqual(all.oracleExact);
    expect(all.minerExact).toBeGreaterThan(all.baselineExact);
    expect(all.minerSimilarity).toBeGreaterThanOrEqual(0.6);
    expect(all.minerSimilarity).toBeGreaterThanOrEqual(all.oracleSimilarity);
  });

  test('generated members close every bracket they open, as the real ones do', () => {
    // Defaults taken part by part once mixed two kinds of member into files that did not parse
    // (a `{` opened in one kind's part and closed in the other's): six files of the corpus.
    const unbalanced = scores.flatMap((family) => family.members.flatMap((member) => (member.unbalanced ?? []).map((path) => `${family.id}/${member.name}: ${path}`)));
    expect(unbalanced).toEqual([]);
  });

  test('name forms: multi-word members come back from one-word copies of themselves', () => {
    const checks = loadFamilies().map((family) => formCheck(family));
    const checked = checks.reduce((sum, check) => sum + check.checked, 0);
    const exact = checks.reduce((sum, check) => sum + check.exact, 0);
    expect(checked).toBe(45);
    // 7 before the forms were read from wider context (code language, file strings, labels, comments).
    expect(exact).toBeGreaterThanOrEqual(40);
  });

  test('no family is worse than the baseline', () => {
    const worse = scores
      .filter((family) => family.minerSimilarity < family.baselineSimilarity)
      .map((family) => `${family.id}: ${family.minerSimilarity.toFixed(3)} < ${family.baselineSimilarity.toFixed(3)}`);
    expect(worse).toEqual([]);
    // date-sub-utils used to lose to the baseline: its variant regions are now split further.
    const dates = scores.find((family) => family.id === 'date-sub-utils');
    expect(dates?.minerSimilarity ?? 0).toBeGreaterThan(dates?.baselineSimilarity ?? 1);
  });
});
