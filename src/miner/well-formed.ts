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
import type { ts as TS } from 'ts-morph';
import { isScriptPath, loadTypeScript, regionsOf } from './tokenize.js';
import type { Example, ParamValue } from './types.js';

/** Languages whose blocks are their indentation. */
const INDENTED_BLOCKS = /\.pyi?$/i;

/**
 * What a file opens and does not close, in its code: brackets (negative: it closes more than it
 * opened), and in Python the lines indented deeper than a block opened (after a line that ends in
 * neither `:` nor an open bracket). A bracket in a comment or a string (`// update(id) {`,
 * `'(optional'`) opens nothing; files in no language the miner scans count every bracket.
 */
function unclosed(path: string, content: string): { brackets: number; strayIndents: number } {
  const inCode = new Uint8Array(content.length).fill(1);
  for (const region of regionsOf(path, content)) if (region.kind === 'comment' || region.kind === 'string') inCode.fill(0, region.start, region.end);
  const indented = INDENTED_BLOCKS.test(path);
  let brackets = 0;
  let strayIndents = 0;
  let blockIndent = 0;
  let opensBlock = true;
  for (let lineStart = 0; lineStart <= content.length; ) {
    const newline = content.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? content.length : newline;
    const open = brackets;
    let lastCode = '';
    for (let i = lineStart; i < lineEnd; i++) {
      if (inCode[i] === 0) continue;
      const char = content[i] ?? '';
      if (char === '(' || char === '[' || char === '{') brackets++;
      else if (char === ')' || char === ']' || char === '}') brackets--;
      if (char.trim() !== '') lastCode = char;
    }
    // A Python line of code outside brackets and strings, indented deeper than the block it is in.
    if (indented && open === 0 && inCode[lineStart] === 1 && lastCode !== '') {
      const line = content.slice(lineStart, lineEnd);
      const indent = line.length - line.trimStart().length;
      if (indent > blockIndent && !opensBlock) strayIndents++;
      blockIndent = indent;
    }
    if (lastCode !== '') opensBlock = lastCode === ':' || lastCode === '\\' || brackets > 0;
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return { brackets, strayIndents };
}

/** The first error a parser stops at: its line (1-based) and message. */
export interface ParseError {
  readonly line: number;
  readonly message: string;
}

/** Where `parse` stops reading the content, if it does (`lineOf`: the line a thrown error names). */
function thrown(parse: (content: string) => unknown, content: string, lineOf: (error: unknown) => number): ParseError[] {
  try {
    parse(content);
    return [];
  } catch (error) {
    return [{ line: lineOf(error), message: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' }];
  }
}

/**
 * The syntax errors a parser finds in a file: the TypeScript parser's for TS/JS (JSX included),
 * the first for JSON and YAML; undefined for files of other languages. (A YAML file with template
 * tags in it, a Helm chart's, need not parse: it is compared with the real one, which has them too.)
 */
export function syntaxErrors(path: string, content: string): readonly ParseError[] | undefined {
  if (/\.json$/i.test(path)) return thrown(JSON.parse, content, () => 0);
  if (/\.ya?ml$/i.test(path)) return thrown(loadAll, content, (error) => ((error as { mark?: { line?: number } }).mark?.line ?? -1) + 1);
  if (!isScriptPath(path)) return undefined;
  const ts = loadTypeScript();
  // A .js file may hold JSX (React code bases write it so); JSX parses plain JavaScript as well.
  const kind = /\.tsx$/i.test(path) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const file = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, false, kind);
  // The parser's own list, which the compiler's syntactic check reports, read without the cost of
  // a Program: not in the public typings, stable since TypeScript 1.x.
  const diagnostics = (file as unknown as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((diagnostic) => ({
    line: file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
  }));
}

/** How well formed a file is: what it leaves open and how many syntax errors it has (see formOfFile). */
export interface FileForm {
  readonly brackets: number;
  readonly strayIndents: number;
  /** Undefined for a language the miner does not parse. */
  readonly syntaxErrors: number | undefined;
}

const formsOfFiles = new WeakMap<Example, FileForm>();
/**
 * A member's file's form, measured once however often it is asked for: the most typical member's
 * files are what balancedDefaults holds each candidate render to, and illFormedNewMember the final one.
 */
export function formOfFile(file: Example): FileForm {
  let form = formsOfFiles.get(file);
  if (form === undefined) {
    form = { ...unclosed(file.path, file.content), syntaxErrors: syntaxErrors(file.path, file.content)?.length };
    formsOfFiles.set(file, form);
  }
  return form;
}

/**
 * Whether a generated file closes what it opens as the real one at its path does: its brackets in
 * code, and its blocks in Python.
 */
export function closesAs(path: string, generated: string, real: string | FileForm): boolean {
  const got = unclosed(path, generated);
  const want = typeof real === 'string' ? unclosed(path, real) : real;
  return got.brackets === want.brackets && got.strayIndents <= want.strayIndents;
}

/**
 * Whether a generated file has no more syntax errors than the real one at its path, where the miner
 * can parse its language (TS/JS and JSX, JSON, YAML); true for other files.
 */
export function parsesAs(path: string, generated: string, real: string | FileForm): boolean {
  const errors = syntaxErrors(path, generated)?.length;
  const want = typeof real === 'string' ? syntaxErrors(path, real)?.length : real.syntaxErrors;
  return errors === undefined || errors <= (want ?? 0);
}

/** Whether a generated file is as well formed as the real one at its path (closesAs and parsesAs). */
export const wellFormedAs = (path: string, generated: string, real: string | FileForm): boolean => closesAs(path, generated, real) && parsesAs(path, generated, real);

/**
 * What a new member would get that is less well formed than the most typical member's own files
 * (closesAs, parsesAs): its files rendered with that member's name and every other param at its
 * default, each checked against that member's file at the same path. Defaults that mix parts of two
 * kinds of member, and that no member's flags mend (see balancedDefaults), say so here rather than in
 * the user's build. `ownNumber`: the member's values that name its files (see ownNumberValues).
 */
export function illFormedNewMember(
  template: Template,
  probe: { readonly name: string; readonly files: readonly Example[] } | undefined,
  entityParam: string,
  renderer: Renderer,
  ownNumber: Readonly<Record<string, ParamValue>> = {},
): string[] {
  if (probe === undefined) return [];
  let files: Example[];
  try {
    files = generateMember(template, { [entityParam]: probe.name, ...ownNumber }, { renderer });
  } catch {
    return []; // a template a new member cannot render at all is refused before this
  }
  const own = new Map(probe.files.map((file) => [file.path, file]));
  return files.flatMap((file) => {
    const probeFile = own.get(file.path);
    if (probeFile === undefined) return [];
    const real = formOfFile(probeFile);
    const problem = !closesAs(file.path, file.content, real) ? 'does not close every bracket or block it opens' : !parsesAs(file.path, file.content, real) ? 'does not parse' : undefined;
    return problem === undefined
      ? []
      : [`a new member's ${file.path} (rendered with ${probe.name}'s name, every other param at its default) ${problem}, where ${probe.name}'s own does: the defaults mix parts of members of different kinds; pass --set with one kind's flags, or review the file`];
  });
}
