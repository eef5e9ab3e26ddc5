/**
 * `mineTemplate`: examples in, template + per-member params + report out. Pure: no disk.
 *
 * The template is verified before it is returned: rendering it with each member's params must give
 * that member's files back byte for byte, paths included. When the finest construction does not,
 * coarser ones are tried (exact case forms only, then whole-line variants only), and as a last resort
 * the most typical member with only its name abstracted; the report says which and why.
 *
 * What is refused before mining is family-check.ts's; the names are found by names.ts, the members
 * read by read-members.ts and the template built by build.ts; the params' reports are report.ts's.
 */
import { createHash } from 'node:crypto';
import type { ParamAffixes, ParamSpec, Template, TemplateFile } from '../library/template.js';
import { createRenderer, type Renderer } from '../render/index.js';
import { pluralize, singularize, withPlurals } from '../render/inflect.js';
import { inDependencyOrder } from '../library/validate.js';
import { buildTemplate } from './build.js';
import type { Built, BuildOptions, Follow, MinedMember, MinedParam, ValueParam } from './ir.js';
import { emit, nestedLists, valueParamsIn, type Piece } from './emit.js';
import { withListWrappers } from './list-wrappers.js';
import { minerErrors } from './errors.js';
import { generateMember } from './generate.js';
import { balancedDefaults } from './balanced-defaults.js';
import { coherentDefaults } from './coherent-defaults.js';
import { conditionalDefaults } from './conditional-defaults.js';
import { numberAsGiven, ownNumberValues } from './given-number.js';
import { groupMembers, type Grouping } from './group.js';
import { detectNames, type NameDetection } from './names.js';
import { casedValueParams, composedValueParams, followedValueParams, sameValueParams } from './same-values.js';
import { sharedParts } from './shared-parts.js';
import { writeSortBlocks } from './sorted-runs.js';
import { hasVaryingUnderlines, writeUnderlines } from './underlines.js';
import { widthBlocks } from './width-blocks.js';
import { withKindSuffixes } from './kind-suffix.js';
import { illFormedNewMember } from './well-formed.js';
import type { Example, MemberParams, MineLevel, MineOptions, MineReport, MineResult, ParamValue } from './types.js';
import { AS_GIVEN, type NameForm } from './variants.js';
import { withInitialisms } from './initialisms.js';
import { withPluralParam } from './plural-param.js';
import { readMembers } from './read-members.js';
import { checkExamples, checkFamily } from './family-check.js';
import { hasPlace, typed, valueTemplates, writtenFrom } from './param-values.js';
import { occurrencesOf, paramReports } from './report.js';
import { WoptError } from '../errors.js';
import { circleIn } from '../util/circle.js';
import { byString } from '../util/text.js';

/**
 * What a name in any case must be: a letter or a digit at least, where the case helpers find its
 * words (`''` or `--` would write `src/.ts`), and no path separator or control character (`../x`
 * is a path, which the helpers would quietly read as `x`).
 */
const NAME_PATTERN = /^[^/\\\p{Cc}]*[\p{L}\p{N}][^/\\\p{Cc}]*$/u;

const LEVELS: ReadonlyArray<{ level: MineLevel; options: BuildOptions }> = [
  { level: 'aligned', options: { strict: false, inline: true, repeats: true, split: true, inlineBlocks: true } },
  { level: 'aligned-strict', options: { strict: true, inline: true, repeats: true, split: true, inlineBlocks: true } },
  { level: 'aligned-strict', options: { strict: true, inline: true, repeats: true } },
  { level: 'blocks', options: { strict: true, inline: false, repeats: false } },
];

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

// A path wholly inside one `{{#if flag}}…{{/if}}` with no other block in it.
const WHOLLY_CONDITIONAL = /^\{\{#if ([^{}\s]+)\}\}((?:(?!\{\{[#/]|\{\{else)[\s\S])*)\{\{\/if\}\}$/;

/**
 * A file only some members have comes out of the alignment with its path wholly conditional. A
 * path cannot hold a block (its `{{/if}}` would be a folder separator in the template's folder), so
 * the condition moves to the content: a file whose content renders empty is not written.
 */
function templateFile(path: string, content: string): TemplateFile {
  const conditional = WHOLLY_CONDITIONAL.exec(path);
  if (conditional === null || content === '') return { path: `${path}.hbs`, content };
  // The opening tag on a line of its own (Handlebars drops that line): glued to the content, it would
  // make a first line that is empty, or a block that opens the content, lose its newline.
  return { path: `${conditional[2]}.hbs`, content: `{{#if ${conditional[1]}}}\n${content}{{/if}}` };
}

/** The flags a template's line ends follow (`{{#crlf windowsLineEnds}}`). */
const lineEndFlags = (template: Template): Set<string> =>
  new Set(template.files.flatMap((file) => [...file.content.matchAll(/\{\{#crlf (\w+)\}\}/g)].map((match) => match[1] ?? '')));

/** A file's content mined with LF line ends, given back its Windows ones (see BuiltFile.windowsLineEnds). */
const withLineEnds = (content: string, windowsLineEnds: string | true | undefined): string =>
  windowsLineEnds === undefined || content === '' ? content : `{{#crlf ${windowsLineEnds === true ? 'true' : windowsLineEnds}}}\n${content}{{/crlf}}`;

interface TemplateContext {
  readonly templateName: string;
  readonly entityParam: string;
  readonly examples: readonly Example[];
  readonly provenance?: MineOptions['provenance'];
  /** The words every member's label shares around its name (see ParamSpec.affixes). */
  readonly affixes?: ParamAffixes | undefined;
  /** Plurals the members write their own way (see TemplateManifest.plurals). */
  readonly plurals?: Readonly<Record<string, string>> | undefined;
  /** Title underlines were read as marks, which the template writes as underline blocks. */
  readonly titles?: boolean | undefined;
  /** Import lists were read as sorted, between marks the template writes as sortLines blocks. */
  readonly sorted?: boolean | undefined;
}

function toTemplate(mined: Built, members: readonly MinedMember[], context: TemplateContext): Template {
  const { templateName, entityParam, examples, provenance = {}, plurals, titles = false, sorted = false } = context;
  const names = members.map((member) => member.name);
  const suffixed = withKindSuffixes(mined, context.affixes, names);
  const built = withInitialisms(suffixed.built, names);
  const { affixes } = suffixed;
  // A mark that cannot be written back stays, and the members do not render: a coarser level is tried.
  const content = (file: Built['files'][number]) => {
    const emitted = emit(withListWrappers(file.content), entityParam);
    const text = (sorted ? writeSortBlocks(emitted) : undefined) ?? emitted;
    return withLineEnds((titles ? writeUnderlines(text) : undefined) ?? text, file.windowsLineEnds);
  };
  const files: TemplateFile[] = built.files.map((file) => templateFile(emit(file.path, entityParam), content(file)));
  // The name as given (`{{name}}`, `{{lowerFirst name}}`: acronyms no other helper spells, Go's
  // initialisms) is read in PascalCase, its acronyms kept, whatever case it is given in.
  // Defaults the files write count: the name's plural given as `plural` is written as given too.
  const asGiven = nameForms(
    built.files.flatMap((file) => [file.path, file.content]),
    valueTemplates(built),
  ).some((form) => AS_GIVEN.has(form.helper) && form.slice === undefined);
  const entity: ParamSpec = {
    type: 'string',
    description: asGiven
      ? `The entity name, in any case: words of letters and digits, no slashes; words written in capitals stay so (GetOrderByID) (members: ${names.join(', ')}).`
      : `The entity name, in any case: words of letters and digits, no slashes (members: ${names.join(', ')}).`,
    prompt: `${entityParam}?`,
    ...(names.every((name) => NAME_PATTERN.test(name)) ? { pattern: NAME_PATTERN.source } : {}),
    ...(asGiven ? { case: 'pascal' as const } : {}),
    required: true,
  };
  const named = affixes === undefined ? entity : { ...entity, affixes };
  const params: Record<string, ParamSpec> = { [entityParam]: namesOneThing(built, names, plurals) ? { ...named, number: 'singular' } : named };
  const inTemplatePaths = templatePathsFor(built, entityParam);
  for (const param of built.params) params[param.name] = paramSpec(param, built.params, members, entityParam, inTemplatePaths);
  return {
    manifest: {
      name: templateName,
      description: `Mined from ${members.length} member${members.length === 1 ? '' : 's'}: ${names.join(', ')}.`,
      params,
      ...(plurals === undefined ? {} : { plurals }),
      source: {
        kind: 'mined',
        ...(provenance.from === undefined ? {} : { from: provenance.from }),
        files: [...examples].sort((a, b) => byString(a.path, b.path)).map((example) => ({ path: example.path, sha256: sha256(example.content) })),
        ...(provenance.minedAt === undefined ? {} : { minedAt: provenance.minedAt }),
        ...(provenance.tool === undefined ? {} : { tool: provenance.tool }),
      },
    },
    files,
  };
}

/**
 * Whether the entity param names one thing (ParamSpec.number): no member's name is a plural (one the
 * inflector has a singular of; `Series` is both), the paths write the name in the plural only and
 * the contents in the singular too. A name is read off the file names (`--name Locations` for
 * `LocationsGet200Response.kt`, whose class holds `Location`s): there it is a plural, which the
 * template pluralizes itself. Where the paths write the singular (`endpoints.go` is the lister of
 * `Endpoints`, `useFindPetsByTags.ts` a hook), a given name is taken in the number it is given.
 */
function namesOneThing(built: Built, names: readonly string[], plurals: Readonly<Record<string, string>> | undefined): boolean {
  if (names.some((name) => pluralize(name, plurals) === name && singularize(name, plurals) !== name)) return false;
  // A default that writes the name in the number given (see given-number.ts) writes a plural given
  // as one, so it counts as the plural here: the members' file names are in both numbers.
  const asWritten = (param: ValueParam): readonly Piece[] =>
    param.numberAsGiven === true ? (param.template ?? []).map((piece) => (piece.t === 'name' ? { ...piece, form: { ...piece.form, plural: true } } : piece)) : (param.template ?? []);
  const templates = new Map(built.params.flatMap((param) => (param.kind === 'value' && param.template !== undefined ? [[param.name, asWritten(param)] as const] : [])));
  // A path written from a value param (`{{fileName}}.kt`) writes the name as its default does.
  const inPaths = new Set(nameForms(built.files.map((file) => file.path), templates).map((form) => form.plural));
  const inContents = new Set(nameForms([...built.files.map((file) => file.content), ...templates.values()]).map((form) => form.plural));
  return inPaths.size === 1 && inPaths.has(true) && inContents.has(false);
}

/** The forms the name is written in by `lists`, blocks included, and by the defaults of the value params they hold when `defaults` is given. */
function nameForms(lists: ReadonlyArray<readonly Piece[]>, defaults?: ReadonlyMap<string, readonly Piece[]>): NameForm[] {
  const forms: NameForm[] = [];
  // Each default once: defaults reading each other in a circle are refused (circularValueDefaults),
  // and one read in several places says nothing more the second time.
  const visited = new Set<string>();
  const visit = (pieces: readonly Piece[]): void => {
    for (const piece of pieces) {
      if (piece.t === 'name') forms.push(piece.form);
      if (piece.t === 'value' && piece.orName !== undefined) forms.push(piece.orName);
      if (piece.t === 'value' && defaults !== undefined && !visited.has(piece.param)) {
        visited.add(piece.param);
        visit(defaults.get(piece.param) ?? []);
      }
      for (const nested of nestedLists(piece)) visit(nested);
    }
  };
  for (const pieces of lists) visit(pieces);
  return forms;
}

/**
 * Value params whose defaults read each other round in a circle (`{{kebabCase api}}`,
 * `{{snakeCase label}}`, `{{folder}}`), or undefined. Such defaults never render for a new member,
 * so a template that has them is not kept: the parts that wrote them (keys, cased or repeated
 * values) each linked two params that looked alike, and together closed the circle.
 */
function circularValueDefaults(built: Built): string[] | undefined {
  return circleIn(new Map(built.params.flatMap((param) => (param.kind === 'value' && param.template !== undefined ? [[param.name, valueParamsIn(param.template)] as const] : []))));
}

/** Where two texts first differ: the line, and both versions of it. */
function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  const shown = (text: string | undefined) => (text === undefined ? 'nothing' : JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text));
  return `line ${line + 1}: ${shown(a[line])} expected, ${shown(b[line])} rendered`;
}

/** The members whose value of a param its default gives, rendered for each where written from the name. */
function agreeingMembers(param: ValueParam, given: readonly MemberParams[], entityParam: string, renderer: Renderer): number {
  const source = String(valueDefault(param, entityParam));
  return param.values.filter((value, m) => value !== undefined && value === renderer.renderSync(source, given[m]?.params ?? {}, { name: `params.${param.name}.default` })).length;
}

/**
 * A value param's default as template.json holds it: written from its parts when it has some (the
 * name, other params), else the preferred member's literal, escaped where it holds `{{`.
 */
function valueDefault(param: ValueParam, entityParam: string): ParamValue {
  if (param.template !== undefined) return emit(param.template, entityParam);
  if (param.type === 'string') return emit([{ t: 'text', text: param.default }], entityParam);
  return typed(param.type, param.default);
}

/** A linked flag's default: `{{not hasReturns}}`, `{{eq maxRetries 1}}`, `{{eq label "QA"}}`. */
const followExpression = (follow: Follow): string =>
  'negate' in follow ? `{{not ${follow.param}}}` : `{{eq ${follow.param} ${typeof follow.equals === 'number' ? follow.equals : JSON.stringify(follow.equals)}}}`;

/**
 * Writes the template's paths for the member files a param's reason names: while the template is
 * built, a part is found in the most typical member's file (`app/routers/purchase_orders.py: text
 * present in 2 of 6 members`), which need not hold it; the user reads the file it is a part of,
 * `app/routers/{{snakeCase name}}.py`, as the report's occurrences and the preview name it.
 */
function templatePathsFor(built: Built, entityParam: string): (why: string) => string {
  const named = built.files.flatMap((file) => {
    // An optional file's path is written under its flag; the reason names the path.
    const [only] = file.path;
    const path = file.path.length === 1 && only?.t === 'if' ? only.then : file.path;
    return file.centerPath === undefined ? [] : [[file.centerPath, emit(path, entityParam)] as const];
  });
  return (why) => named.reduce((text, [center, template]) => text.split(center).join(template), why);
}

function paramSpec(param: MinedParam, all: readonly MinedParam[], members: readonly MinedMember[], entityParam: string, inTemplatePaths: (why: string) => string): ParamSpec {
  switch (param.kind) {
    case 'flag':
      return {
        type: 'boolean',
        default: param.follows === undefined ? param.default : followExpression(param.follows),
        description: `${inTemplatePaths(param.why)}; true for ${param.members.map((m) => members[m]?.name ?? '?').join(', ')}${param.follows === undefined ? '' : `; follows ${param.follows.param}`}.`,
        required: false,
      };
    case 'items':
      return { type: 'string[]', default: [...param.default], description: 'Repeated items.', required: false };
    case 'value':
      if (param.plural === true) {
        return {
          type: 'string',
          default: valueDefault(param, entityParam),
          description: `The name in the plural, wherever the template writes it so (members: ${[...new Set(param.values)].join(', ')}); give an irregular plural, or the name itself to keep it singular.`,
          case: 'pascal',
          required: false,
        };
      }
      return {
        type: param.type,
        ...(param.numberAsGiven === true ? { numberAsGiven: true } : {}),
        default: valueDefault(param, entityParam),
        description:
          param.quote === true
            ? `The quote mark of a string the members quote differently (${[...new Set(param.values.filter((value) => value !== undefined))].join(' or ')}).`
            : param.template === undefined
            ? 'A literal that varies between members.'
            : `A literal that varies between members; by default written from ${writtenFrom(param.template, all)}.`,
        required: false,
      };
  }
}

/**
 * Each member's params. A member without a param's place gets what it would get without the param
 * given: the default, written for it where the default is written from the name
 * (`"/{{kebabCase (pluralize name)}}"`), so `mine --json` shows no other member's value for it.
 */
function memberParams(built: Built, members: readonly MinedMember[], entityParam: string, renderer: Renderer): MemberParams[] {
  return members.map((member, m) => {
    const params: Record<string, ParamValue> = { [entityParam]: member.name };
    const written: ValueParam[] = [];
    for (const param of built.params) {
      if (param.kind === 'flag') params[param.name] = param.members.includes(m);
      else if (param.kind === 'items') params[param.name] = [...(param.values[m] ?? param.default)];
      else if (param.values[m] === undefined && param.template !== undefined) written.push(param);
      else params[param.name] = typed(param.type, param.values[m] ?? param.default);
    }
    // Defaults that use each other render in that order (`{{snakeCase table}}` after `table`).
    const sources = inDependencyOrder(written.map((param) => ({ name: param.name, source: String(valueDefault(param, entityParam)) })));
    for (const { name, source } of sources) params[name] = renderer.renderSync(source, params, { name: `params.${name}.default` });
    return { files: member.files.map((file) => file.path), params };
  });
}

/**
 * The members' params as the miner reports them: a value param a member has no place for (a
 * database name beside a service without a database) is left out of that member's, since its files
 * do not depend on it and any value shown would be the default, not the member's. Rendering gives
 * the same files either way: a param left out falls back to that same default.
 */
function withoutPlacelessValues(params: readonly MemberParams[], built: Built | undefined): MemberParams[] {
  const mined = built?.params ?? [];
  return params.map((member, m) => {
    const left = mined.filter((param) => !hasPlace(param, m) && Object.hasOwn(member.params, param.name));
    if (left.length === 0) return member;
    const kept = { ...member.params };
    for (const param of left) delete kept[param.name];
    return { files: member.files, params: kept };
  });
}

/** The members a template does not reproduce, with the first difference of each. */
function verify(template: Template, params: readonly MemberParams[], members: readonly MinedMember[], renderer: Renderer): string[] {
  const failures: string[] = [];
  members.forEach((member, m) => {
    const given = params[m]?.params ?? {};
    let generated: Example[];
    try {
      generated = generateMember(template, given, { renderer });
    } catch (error) {
      failures.push(`${member.key}: rendering failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      return;
    }
    const blocked = template.files.find((file) => file.path.includes('{{#') || file.path.includes('{{/'));
    if (blocked !== undefined) {
      failures.push(`the path ${JSON.stringify(blocked.path)} holds a block, which a template folder cannot store as a file name`);
      return;
    }
    const want = [...member.files].sort((a, b) => byString(a.path, b.path));
    const got = [...generated].sort((a, b) => byString(a.path, b.path));
    if (want.length !== got.length || want.some((file, i) => file.path !== got[i]?.path)) {
      failures.push(`${member.key}: renders files ${got.map((file) => file.path).join(', ')}`);
      return;
    }
    const at = want.findIndex((file, i) => file.content !== got[i]?.content);
    const differing = want[at];
    if (differing !== undefined) failures.push(`${member.key}: ${differing.path} renders differently (${firstDifference(differing.content, got[at]?.content ?? '')})`);
  });
  return failures;
}

/**
 * Mines a template from a family of example files.
 *
 * @example
 * const { template, params, report } = mineTemplate([
 *   { path: 'src/routes/users.routes.ts', content: usersSource },
 *   { path: 'src/routes/products.routes.ts', content: productsSource },
 * ]);
 * generateMember(template, { name: 'OrderItem' }); // the files of a new member
 * @throws WoptError E_NOT_A_FAMILY when the files share no structure (the message says what to pass);
 *   E_INVALID_INPUT for no examples, duplicate or non-relative paths.
 */
export function mineTemplate(examples: readonly Example[], options: MineOptions = {}): MineResult {
  checkExamples(examples);
  const entityParam = options.entityParam ?? 'name';
  if (!/^[A-Za-z_][\w]*$/.test(entityParam)) {
    throw new WoptError('E_INVALID_INPUT', `The entity param ${JSON.stringify(entityParam)} is not a valid param name. Use letters, digits and _.`);
  }
  const grouping = groupMembers(examples, options.unit ?? 'auto');
  const detection = detectNames(
    grouping.members.map((member) => member.label),
    grouping.members.map((member) => member.files.flatMap((file) => [file.path, file.content])),
  );
  // Plurals the members write their own way are in force for the whole mining (every spelling of
  // a name, the verification renders), and recorded in the template for its renders.
  const mine = (titles: boolean, sorted: boolean, marks: Marks = { sorted: false }) =>
    withPlurals(detection.plurals, () => mineNamed(examples, options, entityParam, grouping, detection, { titles, sorted }, marks));
  // Title underlines as wide as their titles and import lists kept sorted are mined as marks; where
  // the marks cannot be written back as blocks (and a coarser template results), they are read as
  // text: without the sorted lists first, then without the underlines.
  const titles = hasVaryingUnderlines(examples);
  const marks: Marks = { sorted: false };
  let best = mine(titles, true, marks);
  const fallbacks: Array<[boolean, boolean]> = [];
  if (marks.sorted) fallbacks.push([titles, false]);
  if (titles) fallbacks.push([false, marks.sorted]);
  if (titles && marks.sorted) fallbacks.push([false, false]);
  for (const [withTitles, withSorted] of fallbacks) {
    if (best.report.level === 'aligned') break;
    const next = mine(withTitles, withSorted);
    if (MINE_LEVELS.indexOf(next.report.level) < MINE_LEVELS.indexOf(best.report.level)) best = next;
  }
  return best;
}

/** Which marks a mining put in the members' text (set by mineNamed). */
interface Marks {
  sorted: boolean;
}

/**
 * Why a new member, given its name alone, does not get its files, or undefined when it does:
 * defaults that read each other round in a circle (a text following a flag that follows a value
 * that repeats that text) render every member, all given, and no new one. `probe`: the most
 * typical member, whose name is tried.
 */
function newMemberFails(template: Template, probe: MinedMember | undefined, entityParam: string, renderer: Renderer): string | undefined {
  try {
    generateMember(template, { [entityParam]: probe?.name ?? '' }, { renderer });
    return undefined;
  } catch (error) {
    return `a new member given its name alone does not render (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`;
  }
}

/** A template with the IR it is written from and each member's params. */
interface Mined {
  readonly built: Built;
  readonly template: Template;
  readonly params: MemberParams[];
}

/**
 * Refinements of a template that reproduces every member, each kept only where they all still
 * render byte for byte: one value in several places is one param, so is a part several strings
 * share, line breaks follow the width, defaults follow the params they go with (or hold).
 */
function refineTemplate(first: Mined, members: readonly MinedMember[], context: TemplateContext, renderer: Renderer): Mined {
  const { entityParam } = context;
  const probe = members[first.built.center];
  let best = first;
  const refinements = [
    (current: Built) => sameValueParams(current),
    (current: Built) => sharedParts(current),
    (current: Built) => casedValueParams(current),
    (current: Built, given: MemberParams[]) => followedValueParams(current, (param) => agreeingMembers(param, given, entityParam, renderer)),
    (current: Built, given: MemberParams[]) => composedValueParams(current, (param) => agreeingMembers(param, given, entityParam, renderer)),
    (current: Built, given: MemberParams[]) => widthBlocks(current, given, entityParam, renderer),
    (current: Built) => {
      let template: Template | undefined;
      return conditionalDefaults(current, members.length, (param) => occurrencesOf((template ??= toTemplate(current, members, context)), param));
    },
    (current: Built, given: MemberParams[]) => coherentDefaults(current, given, members, (refined) => toTemplate(refined, members, context), renderer),
    (current: Built) => balancedDefaults(current, members, entityParam, (refined) => toTemplate(refined, members, context), renderer),
    (current: Built) => withPluralParam(current, members.map((member) => member.name)),
  ];
  for (const refine of refinements) {
    const refined = refine(best.built, best.params);
    if (refined === undefined || circularValueDefaults(refined) !== undefined) continue;
    const refinedTemplate = toTemplate(refined, members, context);
    // A refinement whose defaults do not render for the members fails like one that does not
    // reproduce them: the template before it stands. (Anything but a render error is a bug.)
    let refinedParams: MemberParams[];
    try {
      refinedParams = memberParams(refined, members, entityParam, renderer);
    } catch (error) {
      if (!(error instanceof WoptError)) throw error;
      continue;
    }
    if (verify(refinedTemplate, refinedParams, members, renderer).length === 0 && newMemberFails(refinedTemplate, probe, entityParam, renderer) === undefined) best = { built: refined, template: refinedTemplate, params: refinedParams };
  }
  return best;
}

/** The levels from finest to coarsest: the constructions tried in turn, then the last resort. */
const MINE_LEVELS: readonly MineLevel[] = [...new Set(LEVELS.map((entry) => entry.level)), 'typical-member'];

/**
 * `titles`: title underlines as wide as their titles are read as marks (see underlines.ts);
 * `sorted`: import lists kept sorted are (see sorted-runs.ts), and `marks.sorted` says whether any was.
 */
function mineNamed(
  examples: readonly Example[],
  options: MineOptions,
  entityParam: string,
  grouping: Grouping,
  detection: NameDetection,
  { titles, sorted }: { titles: boolean; sorted: boolean },
  marks: Marks,
): MineResult {
  const { members, allPaths, shared, sorted: readSorted } = readMembers(examples, grouping, detection, { titles, sorted });
  if (readSorted) marks.sorted = true;
  checkFamily(members, allPaths);

  const templateName = options.name ?? (shared.split('/').pop() || 'mined');
  const context: TemplateContext = { templateName, entityParam, examples, provenance: options.provenance, affixes: detection.affixes, plurals: detection.plurals, titles, sorted: readSorted };
  const renderer = createRenderer({ cache: { maxEntries: 500 } });
  const warnings = [...detection.warnings];
  if (members.length === 1) warnings.push('only one member: the template is that member with its name abstracted; pass more members to find what varies');
  const whyNot: string[] = [];

  // The template's paths, as toTemplate writes them, for the reasons the report gives.
  const inTemplatePaths = (built: Built | undefined): ((why: string) => string) =>
    built === undefined ? (why) => why : templatePathsFor(withKindSuffixes(built, context.affixes, members.map((member) => member.name)).built, entityParam);
  const finish = (template: Template, built: Built | undefined, params: MemberParams[], level: MineLevel, reproduced: string[], center: number): MineResult => {
    const illFormed = illFormedNewMember(template, members[center], entityParam, renderer, built === undefined ? {} : ownNumberValues(built.params, center));
    const report: MineReport = {
      unit: grouping.unit,
      unitWhy: grouping.why,
      members: members.map((member, m) => ({
        key: member.key,
        files: member.files.map((file) => file.path),
        name: member.name,
        nameOccurrences: detection.occurrences[m] ?? 0,
      })),
      nameWhy: detection.why,
      center: members[center]?.key ?? '',
      params: paramReports(template, built, members, params, entityParam, detection.occurrences, detection.why, renderer, inTemplatePaths(built)),
      level,
      fallback: level !== 'aligned',
      fallbackWhy: whyNot.length === 0 ? undefined : whyNot.join('; '),
      reproduced,
      warnings: [...warnings, ...illFormed],
    };
    const memberValues = withoutPlacelessValues(params, built);
    // Each member's values go with the template, so that defaults follow what is given (see
    // TemplateManifest.examples): `--set method=get` gives what the members with that method have.
    // Line ends are the editor's a member was saved with, not its kind's: no example says them.
    const lineEnds = lineEndFlags(template);
    const examples = memberValues.map((member) => Object.fromEntries(Object.entries(member.params).filter(([name]) => !lineEnds.has(name))));
    const withExamples = { ...template, manifest: { ...template.manifest, examples } };
    return { template: withExamples, params: memberValues, report };
  };

  for (const { level, options: buildOptions } of LEVELS) {
    const built = numberAsGiven(buildTemplate(members, buildOptions, entityParam), members.map((member) => member.name));
    if (built.conflicts.length > 0) {
      whyNot.push(`${level}: case forms disagree (${built.conflicts[0]})`);
      continue;
    }
    const circle = circularValueDefaults(built);
    if (circle !== undefined) {
      whyNot.push(`${level}: the defaults of ${circle.join(', ')} read each other in a circle`);
      continue;
    }
    const template = toTemplate(built, members, context);
    const params = memberParams(built, members, entityParam, renderer);
    let failures: string[];
    try {
      failures = verify(template, params, members, renderer);
    } catch (error) {
      failures = [error instanceof Error ? error.message : String(error)];
    }
    const newMember = failures.length === 0 ? newMemberFails(template, members[built.center], entityParam, renderer) : undefined;
    if (newMember !== undefined) failures = [newMember];
    if (failures.length === 0) {
      const best = refineTemplate({ built, template, params }, members, context, renderer);
      return finish(best.template, best.built, best.params, level, members.map((member) => member.key), built.center);
    }
    whyNot.push(`${level}: does not reproduce ${failures.join('; ')}`);
  }

  // Last resort: the most typical member, name abstracted only.
  const built = buildTemplate(members, LEVELS[LEVELS.length - 1]?.options ?? { strict: true, inline: false, repeats: false }, entityParam);
  const center = built.center;
  const single = members[center];
  if (single === undefined) throw minerErrors.noExamples();
  const alone = buildTemplate([single], { strict: true, inline: false, repeats: false }, entityParam);
  const template = toTemplate(alone, [single], context);
  const params = memberParams(alone, [single], entityParam, renderer);
  const failures = verify(template, params, [single], renderer);
  warnings.push(`the template reproduces only ${single.key}; other members differ in ways no finer template reproduced`);
  if (failures.length > 0) warnings.push(`even ${single.key} does not round-trip: ${failures.join('; ')}`);
  const allParams = members.map((member, m) => ({
    files: member.files.map((file) => file.path),
    params: m === center ? (params[0]?.params ?? { [entityParam]: member.name }) : { [entityParam]: member.name },
  }));
  return finish(template, alone, allParams, 'typical-member', failures.length === 0 ? [single.key] : [], center);
}
