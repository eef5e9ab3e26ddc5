// Lays out the external families of bench/external-families.json again (see bench/EXTERNAL.md): the
// family files are public code kept outside the project, read one by one from a stored index of
// public repositories by whoever has that look-up; this script does every step around the reading.
//
//   node bench/external-layout.mjs families <root>            write <root>/ext<round>/<id>/family.json for every family
//   node bench/external-layout.mjs reads <root> [id ...]      the files still to read, a tab-separated row each:
//                                                             family, repo, commit, path, dest (every family, or those named)
//   node bench/external-layout.mjs check <dest> <total_chars> a file written against the index's length (CRLF restored)
//   node bench/external-layout.mjs complete <root>            the families whose every file is laid out: "<dir> <id>" each
//
// A text whose line ends are CRLF comes back from the index with LF ends while its length counts
// both characters: `check` rewrites such a file with CRLF when that makes the lengths agree.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const families = JSON.parse(readFileSync(join(import.meta.dirname, 'external-families.json'), 'utf8'));
const familyDir = (root, family) => join(root, `ext${family.round}`, family.id);
const commitsOf = (family, member) => member.commits ?? family.commits;

function writeFamilies(root) {
  for (const family of families) {
    const dir = familyDir(root, family);
    mkdirSync(dir, { recursive: true });
    const members = family.members.map((member) => ({ name: member.name, files: member.files, commits: commitsOf(family, member), ...(member.params === undefined ? {} : { params: member.params }) }));
    const json = { id: family.id, repo: family.repo, description: family.description, from: family.from, unit: family.unit, members };
    writeFileSync(join(dir, 'family.json'), `${JSON.stringify(json, null, 2)}\n`);
  }
  console.log(`${families.length} family.json files under ${root}`);
}

function listReads(root, ids) {
  const unknown = ids.filter((id) => !families.some((family) => family.id === id));
  if (unknown.length > 0) throw new Error(`no family ${unknown.join(', ')} in bench/external-families.json`);
  for (const family of families) {
    if (ids.length > 0 && !ids.includes(family.id)) continue;
    for (const member of family.members) {
      // A member read at several commits lists the one most of its files are stored at first.
      const [commit] = commitsOf(family, member);
      for (const path of member.files) {
        const dest = join(familyDir(root, family), path);
        if (!existsSync(dest)) console.log([family.id, family.repo, commit, path, dest].join('\t'));
      }
    }
  }
}

function checkFile(dest, totalText) {
  const total = Number(totalText);
  if (!Number.isInteger(total) || total < 0) throw new Error(`total_chars must be a whole number, not ${JSON.stringify(totalText)}`);
  const text = readFileSync(dest, 'utf8');
  // The index counts code points: an emoji is one character there, two UTF-16 units in a JS string.
  const length = [...text].length;
  let status = 'MISMATCH';
  if (length === total) status = 'OK';
  else if (!text.includes('\r') && length + (text.match(/\n/g)?.length ?? 0) === total) {
    writeFileSync(dest, text.replace(/\n/g, '\r\n'));
    status = 'OK-CRLF';
  }
  console.log(`${status}: ${dest} has ${length} characters, the index says ${total}`);
  return status === 'MISMATCH' ? 1 : 0;
}

function listComplete(root) {
  for (const family of families) {
    const dir = familyDir(root, family);
    if (family.members.every((member) => member.files.every((path) => existsSync(join(dir, path))))) console.log(`${dirname(dir)} ${family.id}`);
  }
}

function main([command, ...args]) {
  try {
    if (command === 'families' && args.length === 1) writeFamilies(resolve(args[0]));
    else if (command === 'reads' && args.length >= 1) listReads(resolve(args[0]), args.slice(1));
    else if (command === 'check' && args.length === 2) return checkFile(args[0], args[1]);
    else if (command === 'complete' && args.length === 1) listComplete(resolve(args[0]));
    else {
      console.error('usage: node bench/external-layout.mjs families <root> | reads <root> [id ...] | check <dest> <total_chars> | complete <root>');
      return 2;
    }
    return 0;
  } catch (error) {
    console.error(`external-layout: ${error.message}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
