/**
 * The pattern miner (design §4): a family of example files in, a template whose params are what
 * varies between members out, verified to reproduce every member byte for byte. Pure: no disk.
 */
export { mineTemplate } from './mine.js';
export { generateMember, withDefaults } from './generate.js';
export type { GenerateOptions } from './generate.js';
export { minerErrors } from './errors.js';
export type {
  Example,
  MemberParams,
  MemberReport,
  MineLevel,
  MineOptions,
  MineReport,
  MineResult,
  ParamOccurrence,
  ParamReport,
  ParamValue,
} from './types.js';
export { compareFiles, lineEditDistance, renameCopy, renameCopyBaseline, renameCopyOracle } from './score.js';
export type { BaselineMember, Comparison } from './score.js';
export { evaluateFamily, formatTable, totals } from './evaluate.js';
export type { FamilyInput, FamilyScore, MemberScore, Rates, Totals } from './evaluate.js';
export { formCheck } from './form-check.js';
export type { FormCheck } from './form-check.js';
export { expandGlob, LARGE_INPUT, mineFromGlob, MINER_VERSION, type LargeInput } from './from-glob.js';
export type { MineFromGlobOptions, MineFromGlobResult } from './from-glob.js';
export { driftOf } from './drift.js';
export type { DriftMember, FileDrift, MemberDrift } from './drift.js';
