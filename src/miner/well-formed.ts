/**
 * Whether a generated file is as well formed as the real one it stands for: it closes the brackets
 * and blocks it opens, and parses where the real one does. Defaults decided part by part can mix
 * parts of two kinds of member into a file no member is (a `{` opened in one kind's part, closed in
 * the other's; a JSX tag opened in one and closed as another in the next); line similarity hardly
 * sees it, a compiler does. balancedDefaults mends such defaults; the evaluation counts such files.
 */
import { loadAll } from 'js-yaml';
import type { Template } from '../library/template.js';
import type { Renderer } from '../render/index.js';
import { generateMember } from './generate.js';
import { isScriptPath, loadTypeScript, regionsOf } from './tokenize.js';
import type { Example } from './types.js';

/** Languages whose blocks are their indentation. */
const INDENTED_BLOCKS = /\.pyi?$/i;

/**
 * What a file opens and does not close, in its code: brackets (negative: it closes more than it
 * opened), and in Python the lines indented deeper than a block opened (after a line that ends in
 * neither `:` nor an open bracket). A bracket in a comment or a string (`// update(id) {`,
 * `'(optional'`) opens nothing; files in no language the miner scans count every bracket.
 */
function unclosed(path: string, content: string): { brackets: number; strayIndents: number } {
  const regions = regionsOf(path, content);
  const inCode = new Array<boolean>(content.length).fill(true);
  for (const region of regions) if (region.kind === 'comment' || region.kind === 'string') inCode.fill(false, region.start, region.end);
  let brackets = 0;
  let strayIndents = 0;
  const indented = INDENTED_BLOCKS.test(path);
  let blockIndent = 0;
  let opensBlock = true;
  let lineStart = 0;
  while (lineStart <= content.length) {
    const newline = content.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? content.length : newline;
    if (indented && brackets === 0 && inCode[lineStart] !== false) {
      const text = content.slice(lineStart, lineEnd);
      const indent = text.length - text.trimStart().length;
      const code = [...text].filter((_, i) => inCode[lineStart + i] !== false).join('').trimEnd();
      if (code.trim() !== '') {
        if (indent > blockIndent && !opensBlock) strayIndents++;
        blockIndent = indent;
      }
    }
    let lastCode = '';
    for (let i = lineStart; i < lineEnd; i++) {
      if (inCode[i] === false) continue;
      const char = content[i] ?? '';
      if (char === '(' || char === '[' || char === '{') brackets++;
      else if (char === ')' || char === ']' || char === '}') brackets--;
      if (char.trim() !== '') lastCode = char;
    }
    if (lastCode !== '') opensBlock = lastCode === ':' || lastCode === '\\' || brackets > 0;
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return { brackets, strayIndents };
}

/** 0 when `parse` reads the content, 1 when it throws. */
const parses = (parse: (content: string) => unknown, content: string): number => {
  try {
    parse(content);
    return 0;
  } catch {
    return 1;
  }
};

/**
 * The syntax errors the TypeScript parser finds in a TS/JS file, or for a JSON or YAML file whether
 * it parses (0 or 1); undefined for other files. (A YAML file with template tags in it, a Helm
 * chart's, need not parse: it is compared with the real one, which has them too.)
 */
function syntaxErrors(path: string, content: string): number | undefined {
  if (/\.json$/i.test(path)) return parses(JSON.parse, content);
  if (/\.ya?ml$/i.test(path)) return parses(loadAll, content);
  if (!isScriptPath(path)) return undefined;
  const ts = loadTypeScript();
  // A .js file may hold JSX (React code bases write it so); JSX parses plain JavaScript as well.
  const kind = /\.tsx$/i.test(path) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const file = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, false, kind);
  // The parser's own list, which the compiler's syntactic check reports, read without the cost of
  // a Program: not in the public typings, stable since TypeScript 1.x.
  return (file as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Whether a generated file closes what it opens as the real one at its path does: its brackets in
 * code, and its blocks in Python.
 */
export function closesAs(path: string, generated: string, real: string): boolean {
  const got = unclosed(path, generated);
  const want = unclosed(path, real);
  return got.brackets === want.brackets && got.strayIndents <= want.strayIndents;
}

/**
 * Whether a generated file has no more syntax errors than the real one at its path, where the miner
 * can parse its language (TS/JS and JSX, JSON, YAML); true for other files.
 */
export function parsesAs(path: string, generated: string, real: string): boolean {
  const errors = syntaxErrors(path, generated);
  return errors === undefined || errors <= (syntaxErrors(path, real) ?? 0);
}

/** Whether a generated file is as well formed as the real one at its path (closesAs and parsesAs). */
export const wellFormedAs = (path: string, generated: string, real: string): boolean => closesAs(path, generated, real) && parsesAs(path, generated, real);

/**
 * What a new member would get that is less well formed than the most typical member's own files
 * (closesAs, parsesAs): its files rendered with that member's name and every other param at its
 * default, each checked against that member's file at the same path. Defaults that mix parts of two
 * kinds of member, and that no member's flags mend (see balancedDefaults), say so here rather than in
 * the user's build.
 */
export function illFormedNewMember(template: Template, probe: { readonly name: string; readonly files: readonly Example[] } | undefined, entityParam: string, renderer: Renderer): string[] {
  if (probe === undefined) return [];
  let files: Example[];
  try {
    files = generateMember(template, { [entityParam]: probe.name }, { renderer });
  } catch {
    return []; // a template a new member cannot render at all is refused before this
  }
  const own = new Map(probe.files.map((file) => [file.path, file.content]));
  return files.flatMap((file) => {
    const real = own.get(file.path);
    if (real === undefined) return [];
    const problem = !closesAs(file.path, file.content, real) ? 'does not close every bracket or block it opens' : !parsesAs(file.path, file.content, real) ? 'does not parse' : undefined;
    return problem === undefined
      ? []
      : [`a new member's ${file.path} (rendered with ${probe.name}'s name, every other param at its default) ${problem}, where ${probe.name}'s own does: the defaults mix parts of members of different kinds; pass --set with one kind's flags, or review the file`];
  });
}
