/**
 * `wopt write <manifest>`: every entry of a manifest as one all-or-nothing transaction.
 */
import { resolve } from 'node:path';
import { WoptError } from '../../errors.js';
import type { FsPort } from '../../fs/port.js';
import { batchWrite } from '../../tx/batch-write.js';
import type { BatchReport } from '../../tx/batch-write.js';
import type { Change } from '../../tx/changes.js';
import type { Durability } from '../../tx/journal.js';
import { normalizePath } from '../../tx/paths.js';
import type { OnExisting } from '../../tx/plan.js';
import type { FlagValues } from '../args.js';
import { booleanFlag, choiceFlag, integerFlag, jsonOption, usageError } from '../args.js';
import type { Command } from '../command.js';
import { rootOf } from '../command.js';
import type { CommandContext } from '../io.js';
import { printDryRun } from '../dry-run.js';
import type { NormalizedEntry } from '../dry-run.js';
import { createStyle, recoveryLines, summaryLine, toJson } from '../format.js';
import { loadManifest } from '../input.js';
import type { Manifest, ManifestEntry } from '../manifest.js';
import { checkContentFiles } from '../manifest.js';

const DURABILITIES: readonly Durability[] = ['full', 'process', 'none'];
const ON_EXISTING: readonly OnExisting[] = ['overwrite', 'keep', 'error'];

const help = `Usage: wopt write <manifest.json | manifest.jsonl | -> [options]

Writes every entry of the manifest as one transaction: after "committed", every file holds its new
content (durably, with --durability full); on any failure, or if wopt is killed, every file keeps
(or gets back, on the next run or \`wopt recover\`) exactly its old bytes, mode and existence.

The manifest is a JSON array, or JSON Lines (one entry per line), of:
  {"path": "src/a.ts", "content": "text"}               write UTF-8 text
  {"path": "logo.png", "content": "iVBO...", "encoding": "base64"}   write bytes
  {"path": "big.bin", "contentFile": "build/big.bin"}   copy a file (relative to the manifest's
                                                         directory; to the working directory for -)
  {"path": "old.ts", "delete": true}                    delete
  {"from": "a.ts", "to": "b.ts"}                        rename
Writes take an optional "mode": an octal string ("0755") or a decimal number (493).
Paths are relative to the root. \`-\` reads the manifest from stdin.

Options:
  --root DIR               project root (default: the working directory)
  --dry-run                print the plan and a diff of every change; write nothing
  --durability LEVEL       full (default: survives power loss), process (survives a killed
                           process, not power loss; no fsync), none (no journal: each file is
                           atomic, the batch is not)
  --backup N               keep the backups of the last N transactions for \`wopt undo\` (default 1)
  --on-existing MODE       overwrite (default), keep (skip files that exist), error (refuse the
                           batch if any file exists)
  --strict                 refuse a manifest that writes one path twice (default: the last wins)
  --concurrency N          files staged at once (default 64)
  --lock-timeout MS        how long to wait for another wopt process (default 10000)
  --json                   print the report as JSON on stdout
  -h, --help               show this help

Examples:
  wopt write batch.json
  generate-files | wopt write - --json
  wopt write batch.jsonl --dry-run --root ./packages/app
`;

/** Builds the library's changes, checking every path now so an error can name its manifest line. */
function toChanges(fs: FsPort, manifest: Manifest, root: string): { changes: Change[]; entries: NormalizedEntry[] } {
  const changes: Change[] = [];
  const entries: NormalizedEntry[] = [];
  const normalize = (entry: ManifestEntry, path: string): string => {
    try {
      return normalizePath(path, root);
    } catch (error) {
      if (!(error instanceof WoptError)) throw error;
      throw new WoptError(error.code, `Manifest ${JSON.stringify(manifest.source)}, ${entry.at}: ${error.message}`, { cause: error, path: error.path });
    }
  };
  for (const entry of manifest.entries) {
    switch (entry.kind) {
      case 'content':
        changes.push({ path: entry.path, content: entry.content, ...(entry.mode === undefined ? {} : { mode: entry.mode }) });
        entries.push({ entry, path: normalize(entry, entry.path) });
        break;
      case 'file':
        // Streamed: a large file is never held in memory, and is opened only when it is staged.
        changes.push({ path: entry.path, content: fs.readStream(entry.contentFile), ...(entry.mode === undefined ? {} : { mode: entry.mode }) });
        entries.push({ entry, path: normalize(entry, entry.path) });
        break;
      case 'delete':
        changes.push({ path: entry.path, delete: true });
        entries.push({ entry, path: normalize(entry, entry.path) });
        break;
      case 'rename':
        changes.push({ from: entry.from, to: entry.to });
        entries.push({ entry, path: normalize(entry, entry.to), from: normalize(entry, entry.from) });
        break;
    }
  }
  return { changes, entries };
}

function printOutcome(ctx: CommandContext, report: BatchReport, json: boolean): void {
  const { stdout, stderr } = ctx.io;
  if (report.recovered !== undefined) {
    for (const line of recoveryLines(report.recovered)) stderr.write(`wopt: before this batch, ${line}\n`);
  }
  for (const warning of report.warnings) stderr.write(`wopt: warning: ${warning}\n`);
  stdout.write(json ? toJson(report) : `${summaryLine(report)}\n`);
}

function writeOptions(values: FlagValues) {
  return {
    dryRun: booleanFlag(values, 'dry-run'),
    strict: booleanFlag(values, 'strict'),
    durability: choiceFlag('write', values, 'durability', DURABILITIES),
    onExisting: choiceFlag('write', values, 'on-existing', ON_EXISTING),
    backup: integerFlag('write', values, 'backup', 0),
    concurrency: integerFlag('write', values, 'concurrency', 1),
    lockTimeoutMs: integerFlag('write', values, 'lock-timeout', 0),
  };
}

export const command: Command = {
  help,
  maxPositionals: 1,
  options: {
    ...jsonOption,
    'dry-run': { type: 'boolean' },
    durability: { type: 'string' },
    backup: { type: 'string' },
    'on-existing': { type: 'string' },
    strict: { type: 'boolean' },
    concurrency: { type: 'string' },
    'lock-timeout': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    const [argument] = positionals;
    if (argument === undefined) throw usageError('write', 'missing the manifest argument (a .json or .jsonl file, or - for stdin)');
    const options = writeOptions(values);
    const json = booleanFlag(values, 'json');
    const root = rootOf(ctx, values);

    const manifest = await loadManifest(ctx, argument);
    const { changes, entries } = toChanges(ctx.fs, manifest, root);
    await checkContentFiles(ctx.fs, manifest);

    const report = await batchWrite(changes, {
      ...options,
      root,
      fs: ctx.fs,
      signal: ctx.io.signal,
      command: `wopt write ${argument}`,
    });
    if (options.dryRun && !json) {
      await printDryRun(ctx, resolve(root), entries, report, createStyle(ctx.color));
    } else {
      printOutcome(ctx, report, json);
    }
    return 0;
  },
};
