/** The miner's inputs and outputs. */
import type { Template } from '../library/template.js';

/** One example file: a path (relative, `/`-separated) and its content. */
export interface Example {
  readonly path: string;
  readonly content: string;
}

export type ParamValue = string | number | boolean | string[];

export interface MineOptions {
  /** The template's name. Default: derived from the examples' shared folder and the file kinds. */
  readonly name?: string | undefined;
  /**
   * How examples form members: `file` (files sharing a stem), `folder` (everything below one
   * per-member folder) or `auto` (decided from the paths). Default `auto`.
   * @example { unit: 'folder' }
   */
  readonly unit?: 'file' | 'folder' | 'auto' | undefined;
  /** The name of the entity-name param. Default `name`. */
  readonly entityParam?: string | undefined;
  /**
   * Provenance recorded in `template.manifest.source` besides the files and their sha256: the glob
   * the examples came from, when they were mined (ISO time) and by which tool. Left out when not
   * given, so mining stays deterministic.
   * @example { from: 'src/routes/*.routes.ts', minedAt: '2025-01-01T00:00:00.000Z', tool: 'wopt 0.1.0' }
   */
  readonly provenance?: { readonly from?: string | undefined; readonly minedAt?: string | undefined; readonly tool?: string | undefined } | undefined;
}

/** What one member's files are rendered from. */
export interface MemberParams {
  /** The member's files, sorted by path. */
  readonly files: readonly string[];
  /**
   * Its value for each param, but for a value param it has no place for (its files do not depend
   * on it): left out, so rendering falls back to the default, which gives the same files.
   */
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Where a param occurs in the template. */
export interface ParamOccurrence {
  /** The template file path (with `.hbs`). */
  readonly file: string;
  /** 1-based line in the template file's content; 0 for the path itself. */
  readonly line: number;
}

export interface ParamReport {
  readonly name: string;
  readonly type: 'string' | 'number' | 'boolean' | 'string[]';
  readonly kind: 'entity' | 'value' | 'flag' | 'items';
  readonly occurrences: readonly ParamOccurrence[];
  /**
   * The value per member, in member order; for a member without the place of a value param, the
   * default it would get (MineResult.params leaves it out), counted neither in `why` nor in
   * `confidence`.
   */
  readonly values: readonly ParamValue[];
  readonly default?: ParamValue | undefined;
  /** 0 to 1. */
  readonly confidence: number;
  readonly why: string;
}

export interface MemberReport {
  /** The member's folder or stem key. */
  readonly key: string;
  readonly files: readonly string[];
  /** The detected entity name (PascalCase). */
  readonly name: string;
  /** How many times some case variant of the name occurs in its paths and contents. */
  readonly nameOccurrences: number;
}

export type MineLevel = 'aligned' | 'aligned-strict' | 'blocks' | 'typical-member';

export interface MineReport {
  readonly unit: 'file' | 'folder';
  readonly unitWhy: string;
  readonly members: readonly MemberReport[];
  /** How names were read from the paths (affixes stripped, plural folders). */
  readonly nameWhy: string;
  /** The member the others were aligned against. */
  readonly center: string;
  readonly params: readonly ParamReport[];
  /** Which construction reproduced every member: `aligned` is the finest. */
  readonly level: MineLevel;
  /** True when a coarser template than `aligned` had to be used. */
  readonly fallback: boolean;
  readonly fallbackWhy?: string | undefined;
  /** Members the template reproduces byte for byte (all of them unless level is `typical-member`). */
  readonly reproduced: readonly string[];
  readonly warnings: readonly string[];
}

export interface MineResult {
  readonly template: Template;
  readonly params: readonly MemberParams[];
  readonly report: MineReport;
}
