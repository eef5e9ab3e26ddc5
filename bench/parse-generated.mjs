// Does the code the miner writes parse? For every family in the given directories (the layout of
// bench/eval-external.mjs: one folder per family with its family.json), a new member is generated
// from the whole family under each of two names, and each member is generated from the others
// under its own name; every file written is parsed where the family's own files of that kind all
// parse: TypeScript and JavaScript (JSX included) by the TypeScript parser, JSON, YAML (js-yaml),
// and Python (python3's ast module, when python3 is on the PATH). A file that does not parse is
// printed with the line the parser stopped at.
//
//   npm run build   (or: npx tsc -p tsconfig.build.json --outDir <dir>, then WOPT_DIST=<dir>)
//   node bench/parse-generated.mjs <families-dir> [<families-dir> ...] [--names OrderItem,Tag]
//
// Families not yet laid out whole (bench/EXTERNAL.md) are left out. Exit code 0 whatever it finds
// (a measure, not a gate); the last line counts the files.
import { execFileSync } from 'node:child_process';
import { basename, extname, join, resolve } from 'node:path';
import { familyDirs, loadFamily } from './held-out.mjs';

const dist = resolve(process.env.WOPT_DIST ?? join(import.meta.dirname, '..', 'dist'));
const { mineTemplate, generateMember } = await import(join(dist, 'miner', 'index.js'));
// The parsers the miner itself holds generated files to (TypeScript, JSON, YAML).
const { syntaxErrors } = await import(join(dist, 'miner', 'well-formed.js'));

function hasPython() {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const python = hasPython();

/** Python sources checked in one python3 run: the error line of each, or undefined. */
function pythonErrors(contents) {
  if (!python || contents.length === 0) return contents.map(() => undefined);
  const program = [
    'import ast, json, sys',
    'for source in json.load(sys.stdin):',
    '    try:',
    '        ast.parse(source)',
    '        print("")',
    '    except SyntaxError as error:',
    '        print(f"{error.lineno}: {error.msg}".replace("\\n", " "))',
  ].join('\n');
  const out = execFileSync('python3', ['-c', program], { input: JSON.stringify(contents), encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').slice(0, contents.length).map((line) => (line === '' ? undefined : line));
}

/** The files that do not parse, each with its error. */
function unparsed(files) {
  const errors = new Map();
  for (const file of files) {
    const [first] = syntaxErrors(file.path, file.content) ?? [];
    if (first !== undefined) errors.set(file, `${first.line}: ${first.message}`);
  }
  const sources = files.filter((file) => /\.pyi?$/i.test(file.path));
  pythonErrors(sources.map((file) => file.content)).forEach((error, i) => {
    if (error !== undefined) errors.set(sources[i], error);
  });
  return errors;
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--names');
  const names = at >= 0 ? (args.splice(at, 2)[1] ?? '').split(',').filter(Boolean) : ['OrderItem', 'Tag'];
  if (args.length === 0 || args.some((arg) => arg.startsWith('-'))) {
    console.error('usage: node bench/parse-generated.mjs <families-dir> [<families-dir> ...] [--names OrderItem,Tag]');
    return 2;
  }
  if (!python) console.log('(python3 not found: Python files are not checked)');
  let checked = 0;
  let failing = 0;
  const report = (label, family, files, skipped) => {
    const written = files.filter((file) => !skipped.has(extname(file.path).toLowerCase()));
    checked += written.length;
    for (const [file, error] of unparsed(written)) {
      failing++;
      const line = file.content.split('\n')[Number(error.split(':')[0]) - 1] ?? '';
      console.log(`${family} ${label} ${file.path}: ${error}\n    ${line.trim().slice(0, 160)}`);
    }
  };
  for (const dir of familyDirs(args).laidOut) {
    const id = basename(dir);
    const family = loadFamily(dir);
    const own = family.members.flatMap((member) => member.files);
    // Kinds some member's own file of does not parse in are not the miner's to answer for.
    const skipped = new Set([...unparsed(own).keys()].map((file) => extname(file.path).toLowerCase()));
    const generate = (examples, names) => {
      try {
        const { template } = mineTemplate(examples);
        return names.map((name) => generateMember(template, { name }));
      } catch {
        return []; // a family the miner refuses writes nothing
      }
    };
    generate(own, names).forEach((files, n) => report(`new ${names[n]}`, id, files, skipped));
    family.members.forEach((held, i) => {
      const others = family.members.filter((_, k) => k !== i);
      for (const files of generate(others.flatMap((member) => member.files), [held.name])) report(`held-out ${held.name}`, id, files, skipped);
    });
  }
  console.log(`files written and parsed: ${checked}; not parsing: ${failing}`);
  return 0;
}

process.exitCode = main();
