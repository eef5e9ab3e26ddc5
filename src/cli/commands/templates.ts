/**
 * `wopt templates list | show | add | rm | export | import`: the template library from the shell.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import type { LoadedConfig } from '../../config/index.js';
import type { Library, TemplateInfo } from '../../library/index.js';
import { openLibrary } from '../../library/index.js';
import type { ParamSpec } from '../../library/template.js';
import { booleanFlag, choiceFlag, jsonOption, usageError } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import { createStyle, toJson } from '../format.js';
import type { CommandContext } from '../io.js';

const help = `Usage: wopt templates <subcommand> [options]

The template library: project templates (<root>/templates/, shared through git) hide user
templates (~/.config/wopt/templates, or $WOPT_HOME/templates), which hide the built-in ones.
Every version a template had is kept by content hash and reachable as name@<hash prefix>.

Subcommands:
  list                         every template: name, version, layer, params
  show <name[@version]>        one template: description, params, files, saved versions
  add <folder>                 add a template folder to a library
  rm <name>                    remove a template (and its saved versions) from a library
  export <name[@version]> <dir>  write a template out as a folder (or a tarball with --tar)
  import <folder | tarball>    add a template from a folder or a .tgz/.tar.gz/.tar archive

Options:
  --root DIR          project root (default: the working directory)
  --layer LAYER       add/rm/import: project (default) or user
  --force             add/import: replace a different template of the same name (the old version
                      is kept as name@<hash>); export: overwrite existing files
  --keep-versions     rm: keep the saved versions
  --tar               export: write a gzipped tarball
  --dry-run           add/rm/import: show what would be written
  --json              print the result as JSON
  -h, --help          show this help

Examples:
  wopt templates list
  wopt templates show react-component
  wopt templates add ./my-template --layer user
  wopt templates export react-component ./out --tar
`;

/** The project's config and library, as every template-aware command opens them. */
export async function openProjectLibrary(ctx: CommandContext, root: string): Promise<{ library: Library; config: LoadedConfig }> {
  const config = await loadConfig({ fs: ctx.fs, root });
  for (const warning of config.warnings) ctx.io.stderr.write(`wopt: warning: ${warning}\n`);
  const library = openLibrary({
    fs: ctx.fs,
    root,
    env: ctx.io.env,
    homeDir: ctx.io.env.HOME ?? ctx.io.env.USERPROFILE,
    config: config.config,
    onWarning: (message) => ctx.io.stderr.write(`wopt: warning: ${message}\n`),
  });
  return { library, config };
}

/** `name`, `name?` (optional or defaulted), `tags[]`, as the list shows params. */
export function paramSummary(params: Readonly<Record<string, ParamSpec>>): string {
  const names = Object.entries(params).map(
    ([name, spec]) =>
      `${name}${spec.type === 'string[]' ? '[]' : spec.type === 'string' ? '' : `:${spec.type}`}${spec.default !== undefined || spec.required === false ? '?' : ''}`,
  );
  return names.length === 0 ? '(none)' : names.join(', ');
}

/** Pads columns to the widest cell. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

const LAYERS = ['project', 'user'] as const;

function need(args: readonly string[], count: number, usage: string): void {
  if (args.length < count) throw usageError('templates', `missing arguments: wopt templates ${usage}`);
  if (args.length > count) throw usageError('templates', `unexpected argument ${JSON.stringify(args[count])} for \`wopt templates ${usage}\``);
}

function listRows(templates: readonly TemplateInfo[]): string[][] {
  return [
    ['NAME', 'VERSION', 'HASH', 'LAYER', 'PARAMS'],
    ...templates.map((info) => [info.name, info.version ?? '-', info.hash.slice(0, 12), info.layer, paramSummary(info.params)]),
  ];
}

export const command: Command = {
  help,
  maxPositionals: 3,
  options: {
    ...jsonOption,
    layer: { type: 'string' },
    force: { type: 'boolean' },
    'keep-versions': { type: 'boolean' },
    tar: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [sub, ...args] = positionals;
    const root = rootOf(ctx, values);
    const json = booleanFlag(values, 'json');
    const { stdout } = ctx.io;
    const style = createStyle(ctx.color);
    const layer = choiceFlag('templates', values, 'layer', LAYERS) ?? 'project';
    const dryRun = booleanFlag(values, 'dry-run');
    if (sub === undefined) throw usageError('templates', 'missing the subcommand (list, show, add, rm, export or import)');
    const { library } = await openProjectLibrary(ctx, root);
    switch (sub) {
      case 'list':
      case 'ls': {
        need(args, 0, 'list');
        const templates = await library.list();
        if (json) stdout.write(toJson(templates));
        else if (templates.length === 0) stdout.write('no templates (add one with `wopt templates add <folder>`)\n');
        else stdout.write(table(listRows(templates)));
        return 0;
      }
      case 'show': {
        need(args, 1, 'show <name[@version]>');
        const ref = args[0] as string;
        const loaded = await library.get(ref);
        const versions = await library.versions(loaded.name);
        if (json) {
          stdout.write(
            toJson({
              name: loaded.name,
              hash: loaded.hash,
              layer: loaded.layer,
              dir: loaded.dir,
              current: loaded.current,
              manifest: loaded.template.manifest,
              files: loaded.template.files.map((file) => file.path),
              versions,
            }),
          );
          return 0;
        }
        const { manifest } = loaded.template;
        stdout.write(
          `${style.bold(loaded.name)}${manifest.version === undefined ? '' : ` ${manifest.version}`}  ${style.dim(`${loaded.hash.slice(0, 12)} · ${loaded.layer} · ${loaded.dir}`)}\n`,
        );
        if (manifest.description !== undefined) stdout.write(`${manifest.description}\n`);
        stdout.write('\nParams:\n');
        const params = Object.entries(manifest.params);
        if (params.length === 0) stdout.write('  (none)\n');
        else {
          const rows = params.map(([name, spec]) => [
            `  ${name}`,
            spec.type,
            spec.default !== undefined ? `default ${JSON.stringify(spec.default)}` : spec.required === false ? 'optional' : 'required',
            [spec.description, spec.pattern === undefined ? undefined : `/${spec.pattern}/`].filter((part) => part !== undefined).join(' '),
          ]);
          stdout.write(table(rows));
        }
        const examples = manifest.examples?.length ?? 0;
        if (examples > 0) {
          stdout.write(`\n${examples} example${examples === 1 ? '' : 's'}: what is given picks their kind (a value two of them share, a flag one has, a name ending as some do), and the params left out default to what most of that kind have.\n`);
        }
        stdout.write('\nFiles:\n');
        for (const file of loaded.template.files) stdout.write(`  ${file.path}${file.mode === undefined ? '' : ' (executable)'}\n`);
        stdout.write('\nVersions:\n');
        for (const version of versions)
          stdout.write(`  ${version.hash.slice(0, 12)}  ${version.version ?? '-'}  ${version.layer}${version.current ? ' (current)' : ''}\n`);
        return 0;
      }
      case 'add':
      case 'import': {
        need(args, 1, `${sub} <${sub === 'add' ? 'folder' : 'folder | tarball'}>`);
        const source = resolve(ctx.io.cwd, args[0] as string);
        const options = { layer, force: booleanFlag(values, 'force'), dryRun };
        const result = sub === 'add' ? await library.add(source, options) : await library.import(source, options);
        if (json) stdout.write(toJson({ ...result, report: undefined }));
        else {
          const what =
            result.status === 'unchanged'
              ? 'already there, unchanged'
              : result.status === 'replaced'
                ? `replaced ${result.previousHash?.slice(0, 12) ?? ''} (kept as ${result.name}@${result.previousHash?.slice(0, 12) ?? ''})`
                : 'added';
          stdout.write(`${dryRun ? 'dry run: would have ' : ''}${result.name} ${result.hash.slice(0, 12)}: ${what} in the ${result.layer} library (${result.dir})\n`);
          if (result.shadows.length > 0) stdout.write(`it hides the ${result.shadows.join(' and ')} template of the same name\n`);
        }
        return 0;
      }
      case 'rm':
      case 'remove': {
        need(args, 1, 'rm <name>');
        const result = await library.remove(args[0] as string, {
          layer,
          keepVersions: booleanFlag(values, 'keep-versions'),
          dryRun,
        });
        if (json) stdout.write(toJson({ ...result, report: undefined }));
        else
          stdout.write(
            `${dryRun ? 'dry run: would remove' : 'removed'} ${result.name} from the ${result.layer} library (${result.removed.length} version${result.removed.length === 1 ? '' : 's'}: ${result.removed.map((hash) => hash.slice(0, 12)).join(', ')})\n`,
          );
        for (const leftover of result.leftovers) ctx.io.stderr.write(`wopt: warning: ${leftover} is not part of the template and was left in place\n`);
        return 0;
      }
      case 'export': {
        need(args, 2, 'export <name[@version]> <dir>');
        const destination = resolve(ctx.io.cwd, args[1] as string);
        const tar = booleanFlag(values, 'tar');
        const path = tar && !/\.(tgz|tar\.gz|tar)$/i.test(destination) ? `${destination}.tgz` : destination;
        const result = await library.export(args[0] as string, path, {
          tar: tar || undefined,
          force: booleanFlag(values, 'force'),
        });
        if (json) stdout.write(toJson({ name: result.name, hash: result.hash, path: result.path }));
        else stdout.write(`exported ${result.name} ${result.hash.slice(0, 12)} to ${result.path}\n`);
        return 0;
      }
      default:
        throw usageError('templates', `unknown subcommand ${JSON.stringify(sub)}; use list, show, add, rm, export or import`);
    }
  },
};
