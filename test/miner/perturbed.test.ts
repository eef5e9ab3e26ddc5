/**
 * Families made irregular the way real ones are, seeded and bounded: in each corpus family one
 * member writes its name in another case or number (in its path, or in one place of its content),
 * loses a line, repeats one, or holds a literal `{{ … }}`. Whatever the miner makes of it, it never
 * crashes: it refuses with a WoptError, or its template gives every member back byte for byte and
 * renders a new member from a name alone. Round 15 of the external set found a family (Helm values,
 * one chart folder singular) whose defaults read each other in a circle; this sweeps for the like.
 */
import { describe, expect, test } from 'vitest';
import { WoptError } from '../../src/errors.js';
import { renderTemplate } from '../../src/library/render.js';
import { generateMember, mineTemplate, type Example } from '../../src/miner/index.js';
import { createRenderer } from '../../src/render/index.js';
import { spell, type CaseHelper } from '../../src/miner/variants.js';
import { loadFamilies } from './corpus.js';

const SEED = 20261206;
const PER_FAMILY = 3;
const NEW_NAMES = ['UserProfile', 'Order', 'HTTPServer', 'Data'];
const HELPERS: readonly CaseHelper[] = ['pascalCase', 'camelCase', 'kebabCase', 'snakeCase', 'constantCase', 'lowerCase'];

/** A linear congruential generator: the same seed, the same perturbations, on any machine. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const replaceFirst = (text: string, from: string, to: string): string => {
  const at = text.indexOf(from);
  return at < 0 ? text : text.slice(0, at) + to + text.slice(at + from.length);
};

/** One member's files made irregular in one way; undefined when the way drawn does not apply. */
function perturb(files: readonly Example[], name: string, random: () => number): { files: Example[]; what: string } | undefined {
  const pick = <T,>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const way = Math.floor(random() * 5);
  const index = Math.floor(random() * files.length);
  const out = files.map((file) => ({ ...file }));
  const file = out[index];
  if (file === undefined) return undefined;
  const spellings = [...new Set(HELPERS.flatMap((helper) => [false, true].map((plural) => spell(name, { helper, plural }))))].filter((text) => text.length > 1);
  if (way === 0 || way === 1) {
    const where = way === 0 ? 'path' : 'content';
    const from = pick(spellings.filter((text) => file[where].includes(text)));
    const to = pick(spellings);
    if (from === undefined || to === undefined || from === to) return undefined;
    // A folder renamed is renamed for the member's other files too.
    if (where === 'path') for (const each of out) each.path = replaceFirst(each.path, from, to);
    else file.content = replaceFirst(file.content, from, to);
    return { files: out, what: `${file.path}: ${where} ${from} -> ${to}` };
  }
  const lines = file.content.split('\n');
  const at = Math.floor(random() * lines.length);
  if (way === 2) lines.splice(at, 1);
  else if (way === 3) lines.splice(at, 0, lines[at] ?? '');
  else lines.splice(at, 0, `{{ literal }} ${lines[at] ?? ''}`);
  file.content = lines.join('\n');
  return { files: out, what: `${file.path}: ${['', '', 'dropped', 'doubled', 'braces before'][way]} line ${at + 1}` };
}

describe('families made irregular (seeded)', () => {
  const families = loadFamilies().filter((family) => family.members.length >= 3);
  const random = randomFrom(SEED);
  const cases = families.flatMap((family) =>
    Array.from({ length: PER_FAMILY }, () => {
      const target = Math.floor(random() * family.members.length);
      const member = family.members[target];
      const changed = member === undefined ? undefined : perturb(member.files, member.name, random);
      if (changed === undefined) return [];
      const examples = family.members.flatMap((each, m) => (m === target ? changed.files : each.files));
      if (new Set(examples.map((example) => example.path)).size !== examples.length) return [];
      return [{ id: family.id, what: changed.what, examples, newName: NEW_NAMES[Math.floor(random() * NEW_NAMES.length)] ?? 'Order' }];
    }).flat(),
  );

  test('the sweep covers most corpus families', () => {
    expect(new Set(cases.map((each) => each.id)).size).toBeGreaterThanOrEqual(Math.floor(families.length * 0.75));
  });

  const renderer = createRenderer();
  test.each(cases.map((each) => [`${each.id} (${each.what})`, each] as const))('%s: refused, or mined exactly', async (_label, { examples, newName }) => {
    let mined: ReturnType<typeof mineTemplate>;
    try {
      mined = mineTemplate(examples);
    } catch (error) {
      expect(error).toBeInstanceOf(WoptError);
      return;
    }
    const want = new Map(examples.map((example) => [example.path, example.content]));
    const given = new Set<string>();
    for (const member of mined.params) {
      for (const file of generateMember(mined.template, member.params)) {
        expect(file.content).toBe(want.get(file.path));
        given.add(file.path);
      }
    }
    // A member the template does not reproduce is one the report names as left out (typical-member level).
    if (mined.report.level !== 'typical-member') expect(given.size).toBe(want.size);
    const generated = generateMember(mined.template, { name: newName });
    expect(generated.length).toBeGreaterThan(0);
    // The library renders it too (`wopt gen` with a saved template): the same files.
    const rendered = await renderTemplate(renderer, mined.template, { name: newName });
    expect(rendered.files.map((file) => [file.path, file.content])).toEqual(generated.map((file) => [file.path, file.content]));
  });
});
