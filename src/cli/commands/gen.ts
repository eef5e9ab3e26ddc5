/**
 * `wopt gen <template>`: one item or a whole list of params, generated as one transaction and
 * recorded in wopt.generated.json.
 */
import { resolve } from 'node:path';
import { WoptError } from '../../errors.js';
// The modules a plain `wopt gen` needs, imported one by one: the generate barrel would also load
// the three-way merge (node-diff3) that only `wopt update` uses. Start-up time is a feature here.
import type { GenerateReport, PlannedFile } from '../../generate/batch.js';
import { batchWriteFromTemplate } from '../../generate/batch.js';
import { coerceParam, paramsFromFile } from '../../generate/input.js';
import type { Library } from '../../library/index.js';
import { compilePattern } from '../../library/validate.js';
import { didYouMean } from '../../library/suggest.js';
import type { Template, TemplateManifest } from '../../library/template.js';
import type { Durability } from '../../tx/journal.js';
import type { FlagValues } from '../args.js';
import { booleanFlag, choiceFlag, integerFlag, jsonOption, stringFlag, usageError } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import type { Style } from '../format.js';
import { changedCount, createStyle, formatCounts, plural, summaryLine, toJson } from '../format.js';
import type { CommandContext, Output } from '../io.js';
import { createProgressBar, wantsProgress } from '../progress.js';
import { canPrompt, prompterFor } from '../prompt.js';
import { openProjectLibrary } from './templates.js';
import { projectRenderer } from '../project-renderer.js';
import { ownValue } from '../../util/own.js';
import { largeInputNotice } from '../mining.js';

const help = `Usage: wopt gen <template[@version]> [--name NAME] [--set key=value ...] [options]
       wopt gen <template> --params params.jsonl [options]
       wopt gen [<name>] --from GLOB --name NAME [options]   (mine the template from your files)

Generates files from a template, for one set of params or for a whole list, as one all-or-nothing
transaction. Every generated file is recorded in wopt.generated.json (same transaction), so
\`wopt update\` can later bring in template changes and keep your edits. Output paths are relative
to --root.

Params:
  --name NAME              shorthand for --set name=NAME
  --set key=value          a param (repeat for more); typed by the template (numbers, true/false,
                           comma-separated lists). With --params, applies to every item (a value
                           in the file wins for its item)
  --params FILE            a .json file (an object, or an array of objects) or a .jsonl file (one
                           object per line; read as it is generated, so any length streams)
  Missing required params are asked for on a terminal; otherwise they are an error.

Options:
  --root DIR               output root (default: the working directory)
  --dry-run                print the plan and a coloured diff of every file; write nothing
  --diff                   also print the diff of every changed file after a real run
  --yes, -y                overwrite existing files that wopt did not generate, or that were
                           edited since (needed off a terminal; on a terminal you are asked)
  --force                  re-render every item, even those whose output is known unchanged
  --parallel N             items rendered at once (default 8)
  --durability LEVEL       full (default), process, none (see \`wopt write --help\`)
  --from GLOB              mine the template from existing files (pattern mining; the mined
                           template is cached by the files' content and named <template>)
  --unit file|folder       with --from: a member is one file (siblings grouped by stem) or one
                           folder (everything below it); default: guessed from the paths
  --json                   print the report as JSON on stdout
  -h, --help               show this help

Examples:
  wopt gen react-component --name "user card"
  wopt gen express-route --set name=invoice --set methods=get,post --dry-run
  wopt gen react-component --params components.jsonl --yes
  wopt gen component --from 'src/components/*/*' --name UserProfile --dry-run
`;

const DURABILITIES: readonly Durability[] = ['full', 'process', 'none'];
type MineUnit = 'file' | 'folder';
const MINE_UNITS: readonly MineUnit[] = ['file', 'folder'];

/** `--set` values (one string or several). */
function setFlags(values: FlagValues): string[] {
  const raw = (values as Readonly<Record<string, unknown>>).set;
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw.map(String) : [String(raw)];
}

/** The params given on the command line, typed by the manifest. */
function flagParams(values: FlagValues, manifest: TemplateManifest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const declared = Object.keys(manifest.params);
  const set = (key: string, raw: string, flag: string): void => {
    if (!Object.hasOwn(manifest.params, key)) {
      throw usageError(
        'gen',
        `the template ${JSON.stringify(manifest.name)} has no param ${JSON.stringify(key)} (${flag}).${didYouMean(key, declared)} Params: ${declared.join(', ') || '(none)'}`,
      );
    }
    try {
      params[key] = coerceParam(key, manifest.params[key], raw);
    } catch (error) {
      if (error instanceof WoptError) throw usageError('gen', `${flag}: ${error.message}`);
      throw error;
    }
  };
  for (const pair of setFlags(values)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw usageError('gen', `--set takes key=value, got ${JSON.stringify(pair)}`);
    set(pair.slice(0, equals), pair.slice(equals + 1), `--set ${pair}`);
  }
  const name = stringFlag(values, 'name');
  if (name !== undefined) set('name', name, '--name');
  return params;
}

/** Required params with no value and no default. */
const missingParams = (manifest: TemplateManifest, given: Readonly<Record<string, unknown>>): string[] =>
  Object.entries(manifest.params)
    .filter(([name, spec]) => ownValue(given, name) === undefined && spec.default === undefined && spec.required !== false)
    .map(([name]) => name);

/** Asks for each missing param on a terminal; otherwise a usage error naming the param and the flag. */
async function completeParams(ctx: CommandContext, manifest: TemplateManifest, given: Record<string, unknown>): Promise<Record<string, unknown>> {
  const missing = missingParams(manifest, given);
  if (missing.length === 0) return given;
  if (!canPrompt(ctx.io)) {
    const flags = missing.map((name) => `--set ${name}=<value>${name === 'name' ? ' (or --name <value>)' : ''}`).join(' ');
    throw usageError(
      'gen',
      `missing the required param${missing.length === 1 ? '' : 's'} ${missing.map((name) => JSON.stringify(name)).join(', ')} of template ${JSON.stringify(manifest.name)}; pass ${flags}`,
    );
  }
  const prompter = prompterFor(ctx.io);
  const complete = { ...given };
  for (const name of missing) {
    const spec = manifest.params[name];
    if (spec === undefined) continue;
    const pattern = spec.pattern === undefined ? undefined : compilePattern(spec.pattern);
    const answer = await prompter.input({
      message: spec.prompt ?? `${name}${spec.description === undefined ? '' : ` (${spec.description})`}`,
      validate: (value: string) => {
        if (value.trim() === '') return `${name} is required`;
        if (spec.type === 'string' && pattern !== undefined && !pattern.test(value)) return `must match ${spec.pattern}`;
        try {
          coerceParam(name, spec, value);
          return true;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      },
    });
    complete[name] = coerceParam(name, spec, answer);
  }
  return complete;
}

/**
 * `--from`: the template mined from existing files (src/miner, loaded only here: it brings the
 * TypeScript scanner). The positional name, when given, names the mined template.
 */
async function templateFromGlob(ctx: CommandContext, root: string, pattern: string, name: string | undefined, unit: MineUnit | undefined): Promise<Template> {
  const { mineFromGlob } = await import('../../miner/from-glob.js');
  const { template, report } = await mineFromGlob({ fs: ctx.fs, root, cwd: ctx.io.cwd, pattern, name, unit, onLargeInput: largeInputNotice(ctx.io.stderr, pattern) });
  // What the miner warns of is the template's: a name it could not read, a member it could not
  // reproduce, a new member's file that would not parse.
  for (const warning of report.warnings) ctx.io.stderr.write(`wopt: warning: ${warning}\n`);
  return template;
}

/** Notes shown before the rest are counted (a batch of many items may have one each). */
const MAX_NOTES = 10;

/**
 * Defaults the values given chose (as the template's examples have them, or spelled by a value
 * given for a default written from them): said, so that none is a surprise.
 */
function writeNotes(stderr: Output, notes: readonly string[]): void {
  for (const note of notes.slice(0, MAX_NOTES)) stderr.write(`wopt: ${note}\n`);
  if (notes.length > MAX_NOTES) stderr.write(`wopt: and ${notes.length - MAX_NOTES} more notes of defaults the values given chose (--json lists them all)\n`);
}

function planLines(report: GenerateReport, root: string, style: Style): string {
  const changed = changedCount(report);
  const headline =
    changed === 0
      ? `dry run: nothing would change in ${root} (${formatCounts(report.counts)})`
      : `dry run: would commit ${plural(changed, 'file')} in ${root} (${formatCounts(report.counts)}); nothing was written`;
  const paint = {
    created: style.green,
    updated: style.yellow,
    deleted: style.red,
    unchanged: style.dim,
    skipped: style.dim,
  } as const;
  return `${style.bold(headline)}\n${report.files.map((file) => `  ${paint[file.status](file.status.padEnd(9))}  ${file.path}\n`).join('')}`;
}

export const command: Command = {
  help,
  maxPositionals: 1,
  options: {
    ...jsonOption,
    name: { type: 'string' },
    set: { type: 'string', multiple: true },
    params: { type: 'string' },
    'dry-run': { type: 'boolean' },
    diff: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    force: { type: 'boolean' },
    parallel: { type: 'string' },
    durability: { type: 'string' },
    from: { type: 'string' },
    unit: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const { io } = ctx;
    const root = rootOf(ctx, values);
    const json = booleanFlag(values, 'json');
    const dryRun = booleanFlag(values, 'dry-run');
    const showDiff = dryRun || booleanFlag(values, 'diff');
    const yes = booleanFlag(values, 'yes');
    const parallel = integerFlag('gen', values, 'parallel', 1);
    const durability = choiceFlag('gen', values, 'durability', DURABILITIES);
    const from = stringFlag(values, 'from');
    const unit = choiceFlag('gen', values, 'unit', MINE_UNITS);
    if (unit !== undefined && from === undefined) throw usageError('gen', '--unit applies to --from only (how the mined files form members)');
    const [ref] = positionals;
    if (ref === undefined && from === undefined)
      throw usageError('gen', 'missing the template (e.g. `wopt gen react-component --name "user card"`; `wopt templates list` shows them)');

    const { library, config } = await openProjectLibrary(ctx, root);
    let template: Template;
    let source: Template | Awaited<ReturnType<Library['get']>>;
    if (from !== undefined) {
      template = await templateFromGlob(ctx, root, from, ref, unit);
      source = template;
    } else {
      const loaded = await library.get(ref as string);
      for (const warning of loaded.warnings) io.stderr.write(`wopt: warning: ${warning}\n`);
      template = loaded.template;
      source = loaded;
    }
    const { manifest } = template;
    const shared = flagParams(values, manifest);
    const paramsFile = stringFlag(values, 'params');

    let items: Iterable<unknown> | AsyncIterable<unknown>;
    let itemLabel: ((index: number) => string) | undefined;
    if (paramsFile !== undefined) {
      const file = paramsFromFile(ctx.fs, resolve(io.cwd, paramsFile), paramsFile);
      itemLabel = file.label;
      items = (async function* () {
        for await (const item of file.items) yield typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...shared, ...item } : item;
      })();
    } else {
      items = [await completeParams(ctx, manifest, shared)];
      // One member, from --name and --set: its errors need no item number.
      itemLabel = () => 'the params given';
    }

    const style = createStyle(ctx.color);
    const bar = createProgressBar(io.stderr, !json && wantsProgress(io.stderr, io.env));
    const diffs: string[] = [];
    // The diff library is loaded only when a diff is asked for.
    const renderDiff = showDiff ? (await import('../diff.js')).renderDiff : undefined;
    const onFile = renderDiff
      ? (file: PlannedFile): void => {
          if (file.status !== 'unchanged') diffs.push(renderDiff(file.path, file.before, Buffer.from(file.content), style));
        }
      : undefined;
    const onOverwrite =
      yes || dryRun
        ? undefined
        : async (paths: readonly string[]): Promise<boolean> => {
            if (!canPrompt(io)) return false;
            bar.clear();
            const shown = paths.slice(0, 10).join(', ') + (paths.length > 10 ? `, and ${paths.length - 10} more` : '');
            return prompterFor(io).confirm({
              message: `Overwrite ${plural(paths.length, 'existing file')} (${shown})?`,
              default: false,
            });
          };

    const renderer = await projectRenderer(ctx, root, config);
    let report: GenerateReport;
    try {
      report = await batchWriteFromTemplate(source, items, {
        root,
        fs: ctx.fs,
        library,
        renderer,
        dryRun,
        parallel,
        skipUnchanged: !booleanFlag(values, 'force'),
        durability: durability ?? config.config.durability,
        backup: config.config.backup,
        signal: io.signal,
        itemLabel,
        onFile,
        onOverwrite,
        command: `wopt gen ${ref ?? `--from ${from ?? ''}`}`,
        onProgress: (progress) =>
          bar.update({
            phase: progress.phase,
            done: progress.items,
            total: progress.total,
            staged: progress.staged,
          }),
      });
    } finally {
      bar.clear();
    }

    for (const warning of report.warnings) io.stderr.write(`wopt: warning: ${warning}\n`);
    if (!json) writeNotes(io.stderr, report.notes);
    if (json) {
      io.stdout.write(toJson(report));
      return 0;
    }
    if (dryRun) {
      io.stdout.write(planLines(report, root, style));
      if (report.overwritten.length > 0 && !yes) {
        io.stdout.write(`${style.yellow(`needs --yes (existing files not generated by wopt, or edited since): ${report.overwritten.join(', ')}`)}\n`);
      }
      for (const diff of diffs) io.stdout.write(`\n${diff}`);
      return 0;
    }
    const skipped = report.skippedItems > 0 ? ` (${report.skippedItems} unchanged, not re-rendered)` : '';
    io.stdout.write(`${report.template.name}@${report.template.hash.slice(0, 12)}: ${plural(report.items, 'item')}${skipped}\n`);
    io.stdout.write(`${summaryLine(report, 'generated')}\n`);
    for (const diff of diffs) io.stdout.write(`\n${diff}`);
    return 0;
  },
};
