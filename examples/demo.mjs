#!/usr/bin/env node
/**
 * `npm run demo`: wopt on the bundled examples, in a scratch folder (nothing in the repo changes).
 * Every step is the real CLI, run the way a user would run it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wopt = join(here, '..', 'dist', 'cli', 'wopt.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'wopt-demo-'));
process.stdout.write(`Scratch folder: ${scratch}\n\n`);
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

function run(title, args, { allowFailure = false, cwd = scratch } = {}) {
  process.stdout.write(`\n${bold(`── ${title}`)}\n$ wopt ${args.map((arg) => (/[*{ ]/.test(arg) ? `'${arg}'` : arg)).join(' ')}\n`);
  try {
    const env = { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' };
    process.stdout.write(execFileSync(process.execPath, [wopt, ...args], { encoding: 'utf8', env, cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    process.stdout.write(error.stderr ?? '');
    if (!allowFailure) throw error;
  }
}

process.stdout.write(`${bold('Part 1: generate from a built-in template')}\n`);
const app = join(scratch, 'app');
mkdirSync(app);
run('1. The templates wopt ships', ['templates', 'list']);
run('2. A React component, its test and its index, in one transaction', ['gen', 'react-component', '--name', 'user card', '--root', app, '--yes']);
run('3. Generating it again is free: nothing changed, nothing is rendered or read', ['gen', 'react-component', '--name', 'user card', '--root', app, '--yes']);

process.stdout.write(`\n${bold('Part 2: mine a template from existing code, and generate a new member')}\n`);
const shop = join(scratch, 'shop');
cpSync(join(here, 'mining'), shop, { recursive: true });
run('4. Four services that look alike: what varies between them?', ['mine', 'src/services/*.ts'], { cwd: shop });
run('5. A fifth one, from its name alone (the plan and its diff; nothing written)', ['gen', 'service', '--from', 'src/services/*.ts', '--name', 'Customer', '--dry-run'], { cwd: shop });
run('6. Write it', ['gen', 'service', '--from', 'src/services/*.ts', '--name', 'Customer', '--yes'], { cwd: shop });

process.stdout.write(`\n${bold('Part 3: one batch, all or nothing')}\n`);
const project = join(scratch, 'project');
cpSync(join(here, 'writer', 'project'), project, { recursive: true });
const batch = join(here, 'writer', 'batch.jsonl');

run('7. Plan the batch: what would change, as a diff (nothing is written)', ['write', batch, '--root', project, '--dry-run']);
run('8. Write it: five changes, one transaction', ['write', batch, '--root', project]);
run('9. A batch with one bad path is refused before anything is written', ['write', join(here, 'writer', 'bad-batch.jsonl'), '--root', project], { allowFailure: true });
run('10. The transaction is kept for undo', ['status', '--root', project]);
run('11. Undo it: every file back to its old bytes', ['undo', '--root', project]);
process.stdout.write(`\nDone. Everything was written below ${scratch}; look around.\n`);
