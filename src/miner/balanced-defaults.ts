/**
 * Defaults that give code which parses. Each optional part and each variant takes its default on
 * its own, and where the members split into kinds (kubb's query hooks beside its mutation hooks),
 * the defaults can open a bracket in one kind's part and close it in the other's: a new member's
 * file then has a `{` too few. So it goes with a JSX tag opened as one and closed as another, a
 * Python line indented under no block, a YAML key out of its list (see wellFormedAs). The
 * most typical member's files are well formed, so a default render that is not is a mix no member
 * is. Then one member's flags are the defaults, the member whose flags change the fewest of them
 * first: the new member gets parts that go together. Where no member's flags do, one member's flags
 * and indentation, the indentation most members share first; failing that, one member's flags and
 * values (but those written from the name).
 */
import type { Template } from '../library/template.js';
import type { Renderer } from '../render/index.js';
import type { Built, FlagParam, MinedMember, MinedParam, ValueParam } from './ir.js';
import { flagsOf, withFlagDefaults } from './coherent-defaults.js';
import { generateMember } from './generate.js';
import { ownNumberValues } from './given-number.js';
import { formOfFile, wellFormedAs } from './well-formed.js';
import type { ParamValue } from './types.js';

/** One member's flags and values, as defaults (see memberDefaults). */
interface MemberDefaults {
  readonly flags: ReadonlyMap<string, boolean>;
  readonly values: ReadonlyMap<string, string>;
}

/**
 * `built` with the defaults of the member whose flags (failing that, with its indentation, then its
 * values) render a new member's files as well formed as the most typical member's are, changing the
 * fewest defaults; undefined when the defaults already do, or no member's do.
 *
 * @param templateOf writes a Built as the template it renders (the miner's toTemplate)
 */
export function balancedDefaults(
  built: Built,
  members: readonly MinedMember[],
  entityParam: string,
  templateOf: (built: Built) => Template,
  renderer: Renderer,
): Built | undefined {
  const flags = built.params.filter((param): param is FlagParam => param.kind === 'flag' && param.follows === undefined);
  // Indentation that varies is a value at each line; failing flags, a member's goes with them (a
  // YAML list written `- name:` at one depth and its next key at another, each depth a value whose
  // default follows another param of its own).
  const indents = built.params.filter(
    (param): param is ValueParam => param.kind === 'value' && param.values.every((value) => value === undefined || /^[ \t]*$/u.test(value)),
  );
  const probe = members[built.center];
  if (flags.length + indents.length === 0 || probe === undefined) return undefined;
  // What a member's files open and close, by path: the probe is the most typical member's name,
  // so the rendered paths are its own.
  const expected = new Map(probe.files.map((file) => [file.path, formOfFile(file)]));
  const template = templateOf(built);
  // Its files are named as its own are (see ownNumberValues).
  const ownNumber = ownNumberValues(built.params, built.center);
  const balancedWith = (defaults: ReadonlyMap<string, ParamValue> | undefined): boolean => {
    const params: Record<string, ParamValue> = { [entityParam]: probe.name, ...ownNumber };
    for (const [param, value] of defaults ?? []) params[param] = value;
    return generateMember(template, params, { renderer }).every((file) => {
      const want = expected.get(file.path);
      return want === undefined || wellFormedAs(file.path, file.content, want);
    });
  };
  // Defaults that do not render for a new member are not this step's to mend (the miner's check of
  // the defaults says so).
  try {
    if (balancedWith(undefined)) return undefined;
    // The member whose flags change the fewest defaults first (ties: the most typical, then the first).
    const changes = (m: number) => flags.filter((flag) => flag.members.includes(m) !== flag.default).length;
    const order = members.map((_, m) => m).sort((a, b) => changes(a) - changes(b) || Number(b === built.center) - Number(a === built.center) || a - b);
    const because = (m: number) => `as ${members[m]?.name ?? String(m)} has it: the defaults part by part render a file less well formed than a member's (brackets, blocks, syntax)`;
    // The indentation most members share first: every line it moves is a line most members write.
    const shared = (k: number) => indents.reduce((sum, indent) => sum + indent.values.filter((value) => value !== undefined && value === indent.values[k]).length, 0);
    // Values written from the name stay so: flags whose defaults follow a value (`{{eq item "delta"}}`)
    // then follow that member's.
    const plain = built.params.filter((param): param is ValueParam => param.kind === 'value' && param.template === undefined);
    const stages: Array<{ readonly values: readonly ValueParam[]; readonly candidates: readonly number[] }> = [
      // Flags alone: a member whose flags are the defaults renders what they already do.
      { values: [], candidates: order.filter((k) => changes(k) > 0) },
      { values: indents, candidates: indents.length === 0 ? [] : [...order].sort((a, b) => shared(b) - shared(a)) },
      { values: plain, candidates: plain.length === 0 ? [] : order },
    ];
    for (const { values, candidates } of stages) {
      for (const k of candidates) {
        const defaults = memberDefaults(flags, values, k);
        if (balancedWith(new Map<string, ParamValue>([...defaults.flags, ...defaults.values]))) return withMemberDefaults(built, defaults, because(k));
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Member k's flags, and its values of `values` where it has them. */
function memberDefaults(flags: readonly FlagParam[], values: readonly ValueParam[], k: number): MemberDefaults {
  return { flags: flagsOf(flags, k), values: new Map(values.flatMap((value) => (value.values[k] === undefined ? [] : [[value.name, value.values[k]] as const]))) };
}

/** `built` with a member's flags and values as the defaults, each flag changed saying `because`. */
function withMemberDefaults(built: Built, defaults: MemberDefaults, because: string): Built {
  const flagged = withFlagDefaults(built, defaults.flags, because);
  const params = flagged.params.map((param): MinedParam => {
    const value = param.kind === 'value' ? defaults.values.get(param.name) : undefined;
    return param.kind === 'value' && value !== undefined ? { ...param, default: value, template: undefined } : param;
  });
  return { ...flagged, params };
}
