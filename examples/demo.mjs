#!/usr/bin/env node
/**
 * `npm run demo`: wopt on the bundled examples, in a scratch folder (nothing in the repo changes).
 * Every step is the real CLI, run the way a user would run it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wopt = join(here, '..', 'dist', 'cli', 'wopt.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'wopt-demo-'));
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

function run(title, args, { allowFailure = false } = {}) {
  process.stdout.write(`\n${bold(`── ${title}`)}\n$ wopt ${args.join(' ')}\n`);
  try {
    const env = { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
    process.stdout.write(execFileSync(process.execPath, [wopt, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    process.stdout.write(error.stderr ?? '');
    if (!allowFailure) throw error;
  }
}

const project = join(scratch, 'project');
cpSync(join(here, 'writer', 'project'), project, { recursive: true });
const batch = join(here, 'writer', 'batch.jsonl');
process.stdout.write(`Scratch project: ${project}\n`);

run('1. Plan the batch: what would change, as a diff (nothing is written)', ['write', batch, '--root', project, '--dry-run']);
run('2. Write it: five changes, one transaction', ['write', batch, '--root', project]);
run('3. A batch with one bad path is refused before anything is written', ['write', join(here, 'writer', 'bad-batch.jsonl'), '--root', project], { allowFailure: true });
run('4. The transaction is kept for undo', ['status', '--root', project]);
run('5. Undo it: every file back to its old bytes', ['undo', '--root', project]);
process.stdout.write(`\nDone. Look around in ${project}\n`);
