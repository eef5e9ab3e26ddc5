/**
 * `wopt drift '<glob>'`: which members of a family have drifted from its template (mined from the
 * family itself, or a saved one with --template), with a per-file diff summary.
 */
import { join, relative, resolve } from 'node:path';
import { openLibrary } from '../../library/index.js';
import type { Template } from '../../library/template.js';
import { driftOf, mineFromGlob, type DriftMember } from '../../miner/index.js';
import type { ParamValue } from '../../miner/types.js';
import { booleanFlag, choiceFlag, jsonOption, stringFlag, usageError } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import { ExitCode } from '../exit.js';
import { renderDiff } from '../diff.js';
import { createStyle, plural, toJson } from '../format.js';
import { readVersion } from '../version.js';
import { largeInputNotice } from '../mining.js';

const UNITS = ['file', 'folder'] as const;

const help = `Usage: wopt drift '<glob>' [options]

Shows which members of a family have drifted from the family's template, with a per-file summary
(+ lines the member has that the template would not write, - lines it would write that the member
lacks). Each member is rendered from its name and, for the mined template, its own literals (URLs,
page sizes...); optional and alternative blocks stay at the template's defaults, i.e. what most
members do. So a member drifts when its structure differs from the family's.

Without --template the template is mined from the same files (see \`wopt mine\`); with it, the saved
template is used: a member it was mined from keeps the literals recorded for it when it was saved
(\`wopt mine --save\`), and any other member is rendered from its name alone.

Options:
  --template NAME      compare with this library template (e.g. one saved by \`wopt mine --save\`)
  --unit file|folder   how files form members (default: guessed from the paths)
  --diff               print each drifted file's diff too (- what the template writes, + the file)
  --json               print the report as JSON
  --root DIR           project root (default: the working directory)
  -h, --help           show this help

Exit codes: 0 no member drifted, 1 some did (or an error, e.g. the files are not a family),
2 usage error.

Examples:
  wopt drift 'src/routes/*.routes.ts'
  wopt drift 'src/routes/*.routes.ts' --diff
  wopt drift 'src/components/*/*' --template component
`;

/**
 * A saved mined template's literals per member, by name: what \`wopt mine --save\` recorded of each
 * member it was mined from (TemplateManifest.examples), less the flags, which stay at the defaults
 * as they do for the mined template. A template written by hand records none.
 */
function recordedLiterals(template: Template, entity: string): Map<string, Record<string, ParamValue>> {
  const byName = new Map<string, Record<string, ParamValue>>();
  for (const example of template.manifest.examples ?? []) {
    const name = example[entity];
    if (typeof name !== 'string') continue;
    const literals: Record<string, ParamValue> = {};
    for (const [param, value] of Object.entries(example)) {
      if (param !== entity && typeof value !== 'boolean' && Object.hasOwn(template.manifest.params, param)) literals[param] = Array.isArray(value) ? [...value] : (value as string | number);
    }
    byName.set(name, literals);
  }
  return byName;
}

/** The param a template's entity name goes into: `name`, else its first required string param. */
function entityParamOf(template: Template): string {
  const params = template.manifest.params;
  if (Object.hasOwn(params, 'name')) return 'name';
  const required = Object.entries(params).find(([, spec]) => spec.type === 'string' && spec.default === undefined && spec.required !== false);
  return required?.[0] ?? 'name';
}

export const command: Command = {
  help,
  maxPositionals: 1,
  options: { ...jsonOption, template: { type: 'string' }, unit: { type: 'string' }, diff: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const [pattern] = positionals;
    if (pattern === undefined) throw usageError('drift', "missing the glob of the family's files (quote it: wopt drift 'src/components/*/*')");
    const unit = choiceFlag('drift', values, 'unit', UNITS);
    const templateName = stringFlag(values, 'template');
    const root = rootOf(ctx, values);
    const cwd = resolve(ctx.io.cwd);
    const tool = `wopt ${await readVersion(ctx.fs)}`;
    const mined = await mineFromGlob({ fs: ctx.fs, root, cwd, pattern, unit, tool, onLargeInput: largeInputNotice(ctx.io.stderr, pattern) });
    let template = mined.template;
    let source = `the template mined from ${JSON.stringify(pattern)}`;
    if (templateName !== undefined) {
      const loaded = await openLibrary({ fs: ctx.fs, root, env: ctx.io.env, builtinDir: false }).get(templateName);
      template = loaded.template;
      source = `the saved template "${loaded.name}" (${loaded.layer} library)`;
    }
    const entity = entityParamOf(template);
    const ownKinds = new Set(['value', 'items']);
    const recorded = recordedLiterals(template, entity);
    const members: DriftMember[] = [];
    for (const [m, member] of mined.report.members.entries()) {
      const params: Record<string, ParamValue> = { [entity]: member.name };
      if (templateName === undefined) {
        for (const param of mined.report.params) {
          const value = param.values[m];
          if (ownKinds.has(param.kind) && value !== undefined) params[param.name] = value;
        }
      } else {
        Object.assign(params, recorded.get(member.name));
      }
      const files = [];
      for (const path of member.files) files.push({ path, content: (await ctx.fs.readFile(join(root, path))).toString('utf8') });
      members.push({ name: member.name, files, params });
    }
    const report = driftOf(template, members);
    const drifted = report.filter((member) => member.drifted);
    const cwdOf = (path: string) => relative(cwd, resolve(root, path)).split('\\').join('/') || '.';
    if (booleanFlag(values, 'json')) {
      ctx.io.stdout.write(
        toJson({
          template: template.manifest.name,
          source,
          drifted: drifted.length,
          members: report.map((member) => ({
            ...member,
            files: member.files.map(cwdOf),
            differences: member.differences.map((file) => ({ path: cwdOf(file.path), status: file.status, added: file.added, removed: file.removed })),
          })),
        }),
      );
    } else {
      const style = createStyle(ctx.color);
      const withDiff = booleanFlag(values, 'diff');
      const onDisk = new Map(members.flatMap((member) => member.files.map((file) => [file.path, file.content])));
      const bytes = (text: string | undefined) => (text === undefined ? null : Buffer.from(text, 'utf8'));
      const lines = [`Drift of ${plural(report.length, 'member')} from ${source}:`];
      for (const member of report) {
        if (!member.drifted) {
          lines.push(`  ${style.green('ok')}       ${member.name}`);
          continue;
        }
        lines.push(`  ${style.yellow('drifted')}  ${member.name}${member.error === undefined ? '' : `: the template does not render for it (${member.error})`}`);
        for (const file of member.differences) {
          const note = file.status === 'missing' ? ' (missing: the template writes it)' : file.status === 'extra' ? ' (extra: the template has no such file)' : '';
          lines.push(`             ${cwdOf(file.path)}  ${style.green(`+${file.added}`)} ${style.red(`-${file.removed}`)}${note}`);
          if (withDiff) lines.push(renderDiff(cwdOf(file.path), bytes(file.expected), bytes(file.status === 'missing' ? undefined : onDisk.get(file.path)), style).replace(/\n$/, ''));
        }
      }
      lines.push(drifted.length === 0 ? 'No member drifted.' : `${plural(drifted.length, 'member')} of ${report.length} drifted.`);
      ctx.io.stdout.write(`${lines.join('\n')}\n`);
    }
    return drifted.length === 0 ? ExitCode.ok : ExitCode.error;
  },
};
