/**
 * `wopt mine '<glob>'`: mines a template from a family of files, explains it, and with `--save` adds
 * it to the project library with its provenance.
 */
import { relative, resolve } from 'node:path';
import { openLibrary } from '../../library/index.js';
import type { Template } from '../../library/template.js';
import { mineFromGlob, type MineFromGlobResult } from '../../miner/index.js';
import type { ParamReport, ParamValue } from '../../miner/types.js';
import { booleanFlag, choiceFlag, jsonOption, stringFlag, usageError } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import { ExitCode } from '../exit.js';
import { createStyle, plural, toJson, type Style } from '../format.js';
import type { CommandContext } from '../io.js';
import { readVersion } from '../version.js';
import { byString } from '../../util/text.js';
import { largeInputNotice } from '../mining.js';
import { countValues } from '../../util/collect.js';

const UNITS = ['file', 'folder'] as const;
const PREVIEW_LINES = 40;
/** Params shown beside each member under Members; the rest are under Params, value by value. */
const PARAMS_PER_MEMBER = 8;
/** Members a param's values are listed one by one for; past this, each distinct value with its count. */
const MEMBERS_LISTED = 12;
/** Distinct values shown with their counts, the most common first. */
const VALUES_COUNTED = 10;

const help = `Usage: wopt mine '<glob>' [options]

Mines a template from a family of similar files: what varies between the members (above all the
entity name, in every case: UserCard, userCard, user-card, USER_CARD, plurals) becomes params; the
rest is the template. The template is checked before it is shown: rendering it with each member's
params gives that member back byte for byte.

Members are the files sharing a stem in one folder (Foo.tsx, Foo.test.tsx, Foo.module.css), or
everything below one folder per member (--unit folder; the default when the files are in several
folders). When the glob matches one file per member, the files beside it sharing its stem come
along ('src/app/*/*.component.ts' also takes *.component.html and *.component.spec.ts).

Quote the glob so the shell does not expand it. Mined templates are cached under
.wopt/cache/mined/, so mining the same files again is instant.

Options:
  --name NAME          the template's name (default: the folder the members share)
  --unit file|folder   how files form members (default: guessed from the paths)
  --save               add the template to the project library (with its source files and
                       their sha256); then \`wopt gen NAME --name Foo\` makes a new member
  --force              with --save, replace a different template of that name
  --json               print { template, params, members } as JSON
  --root DIR           project root (default: the working directory)
  -h, --help           show this help

Exit codes: 0 mined (and saved), 1 the files are not a family (or another error), 2 usage error.

Examples:
  wopt mine 'src/components/*/*'
  wopt mine 'src/routes/*.routes.ts' --name route --save
  wopt mine 'src/app/*/*.component.ts' --json
`;

const show = (value: ParamValue | undefined): string => (value === undefined ? '-' : JSON.stringify(value));

function whereItOccurs(param: ParamReport): string {
  if (param.occurrences.length === 0) return 'nowhere (a default only)';
  const byFile = new Map<string, string[]>();
  for (const occurrence of param.occurrences) {
    const lines = byFile.get(occurrence.file) ?? [];
    lines.push(occurrence.line === 0 ? 'path' : String(occurrence.line));
    byFile.set(occurrence.file, lines);
  }
  return [...byFile.entries()].map(([file, lines]) => `${file.replace(/\.hbs$/, '')} (${lines.length > 6 ? `${lines.slice(0, 6).join(', ')}, …` : lines.join(', ')})`).join('; ');
}

/**
 * A param's values: member by member (`Invoice=20, Product=50`), or in a large family each
 * distinct value with the number of members that have it (`20 (120 members), 50 (40 members)`).
 */
function valuesOf(report: MineFromGlobResult['report'], valueOf: (m: number) => string): string {
  if (report.members.length <= MEMBERS_LISTED) return report.members.map((member, m) => `${member.name}=${valueOf(m)}`).join(', ');
  const counts = countValues(report.members.map((_, m) => valueOf(m)));
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || byString(a, b));
  const listed = ranked.slice(0, VALUES_COUNTED).map(([value, count]) => `${value} (${plural(count, 'member')})`);
  if (ranked.length > VALUES_COUNTED) listed.push(`… ${plural(ranked.length - VALUES_COUNTED, 'more value')}`);
  return listed.join(', ');
}

function preview(template: Template): string[] {
  const lines: string[] = [];
  for (const file of template.files) {
    const content = file.content.split('\n');
    if (content.at(-1) === '') content.pop();
    lines.push(`  --- ${file.path}`);
    lines.push(...content.slice(0, PREVIEW_LINES).map((line) => `  ${line}`));
    if (content.length > PREVIEW_LINES) lines.push(`  … ${plural(content.length - PREVIEW_LINES, 'more line')}`);
  }
  return lines;
}

function render(result: MineFromGlobResult, cwdOf: (path: string) => string, style: Style): string {
  const { template, report, params } = result;
  const out: string[] = [];
  out.push(
    style.bold(`Template "${template.manifest.name}"`) +
      ` mined from ${plural(report.members.length, 'member')} (${plural(result.files.length, 'file')})${result.cached ? ', from the cache' : ''}.`,
  );
  out.push(`  members: ${report.unitWhy}`);
  out.push(`  names: ${report.nameWhy}`);
  out.push(`  construction: ${report.level}${report.fallback ? ` (finer ones did not reproduce every member: ${report.fallbackWhy ?? 'see above'})` : ''}`);
  const format = template.manifest.format;
  if (format !== undefined) out.push(`  format: prettier ${JSON.stringify(format.prettier)} (the members are formatted so; generated files will be too)`);
  out.push('');
  out.push('Members:');
  report.members.forEach((member, m) => {
    out.push(`  ${member.name}  ${member.files.map(cwdOf).join(', ')}${report.reproduced.includes(member.key) ? '' : style.yellow('  (not reproduced)')}`);
    const own = params[m]?.params ?? {};
    const others = Object.entries(own).filter(([name]) => name !== report.params[0]?.name);
    const shown = others.slice(0, PARAMS_PER_MEMBER).map(([name, value]) => `${name}=${show(value)}`);
    if (others.length > PARAMS_PER_MEMBER) shown.push(style.dim(`… ${plural(others.length - PARAMS_PER_MEMBER, 'more param')} under Params`));
    if (shown.length > 0) out.push(`    ${shown.join('  ')}`);
  });
  out.push('');
  out.push('Params:');
  if (report.params.length > 1 && (template.manifest.examples?.length ?? 0) > 2) {
    out.push(style.dim('  (what is given picks a kind of member: a value two members share, a flag one has, a name ending as some do; the params left out default to what most of that kind have)'));
  }
  for (const param of report.params) {
    const fallback = param.kind === 'entity' ? 'required' : `default ${show(param.default)}`;
    out.push(`  ${style.bold(param.name)} (${param.type}, ${fallback}), confidence ${param.confidence.toFixed(2)}`);
    // A member without the param's place reports no value (see MineResult.params): shown as such.
    const valueOf = (m: number) => (param.kind === 'value' && !Object.hasOwn(params[m]?.params ?? {}, param.name) ? '(no place)' : show(param.values[m]));
    out.push(`    values: ${valuesOf(report, valueOf)}`);
    out.push(`    occurs in: ${whereItOccurs(param)}`);
    // A default written over several lines shows its line ends as \n in the reason, as the header
    // line shows it: each param's reason stays one line.
    out.push(`    why: ${param.why.replace(/\r?\n/g, '\\n')}`);
  }
  out.push('');
  out.push('Preview:');
  out.push(...preview(template));
  for (const warning of report.warnings) out.push(style.yellow(`warning: ${warning}`));
  return `${out.join('\n')}\n`;
}

/** The stable JSON document of `wopt mine --json`. */
function toDocument(result: MineFromGlobResult, cwdOf: (path: string) => string): unknown {
  const { template, params } = result;
  return {
    template: template.manifest.name,
    params: Object.entries(template.manifest.params).map(([name, spec]) => ({
      name,
      type: spec.type,
      ...(spec.default === undefined ? {} : { default: spec.default }),
      ...(spec.description === undefined ? {} : { description: spec.description }),
    })),
    members: params.map((member) => ({ files: member.files.map(cwdOf), params: member.params })),
  };
}

export const command: Command = {
  help,
  maxPositionals: 1,
  options: { ...jsonOption, name: { type: 'string' }, unit: { type: 'string' }, save: { type: 'boolean' }, force: { type: 'boolean' } },
  async run(ctx: CommandContext, { values, positionals }) {
    const [pattern] = positionals;
    if (pattern === undefined) throw usageError('mine', "missing the glob of the family's files (quote it: wopt mine 'src/components/*/*')");
    const name = stringFlag(values, 'name');
    if (name !== undefined && !/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw usageError('mine', `option --name takes a template name (letters, digits, . _ -), got ${JSON.stringify(name)}`);
    const unit = choiceFlag('mine', values, 'unit', UNITS);
    const root = rootOf(ctx, values);
    const cwd = resolve(ctx.io.cwd);
    const tool = `wopt ${await readVersion(ctx.fs)}`;
    const result = await mineFromGlob({ fs: ctx.fs, root, cwd, pattern, unit, name, tool, onLargeInput: largeInputNotice(ctx.io.stderr, pattern) });
    const cwdOf = (path: string) => relative(cwd, resolve(root, path)).split('\\').join('/');
    const json = booleanFlag(values, 'json');
    ctx.io.stdout.write(json ? toJson(toDocument(result, cwdOf)) : render(result, cwdOf, createStyle(ctx.color)));
    if (booleanFlag(values, 'save')) {
      const library = openLibrary({ fs: ctx.fs, root, env: ctx.io.env, builtinDir: false });
      const added = await library.add(result.template, { layer: 'project', force: booleanFlag(values, 'force') });
      const message = `${added.status === 'unchanged' ? 'already saved' : added.status === 'replaced' ? 'replaced' : 'saved'}: template "${added.name}" in ${relative(cwd, added.dir) || '.'} (${added.hash.slice(0, 12)}); make a member with \`wopt gen ${added.name} --name <Name>\`\n`;
      // With --json, stdout holds the document only.
      (json ? ctx.io.stderr : ctx.io.stdout).write(message);
      for (const warning of added.warnings) ctx.io.stderr.write(`wopt: warning: ${warning}\n`);
    }
    return ExitCode.ok;
  },
};
