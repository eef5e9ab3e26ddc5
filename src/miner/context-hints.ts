/**
 * What a value is by where it stands in its line, for the values no word before them names: a
 * user passes `--set interfaceName=CartItem` or `--set testTitle="renders empty"` rather than
 * `--set value5=…`. The declared name after a keyword (`export interface {{interfaceName}} {`,
 * where `interface` is no word to name a param after), a test's title (`it('{{testTitle}}', …)`,
 * RSpec's `it '…' do`), a tag (`<{{tag}}>`), a key at the start of a line (`{{key}}: string;`,
 * `"{{key}}": …`), a string alone on its line (a list's `"{{item}}",`), a comment's text
 * (`// {{comment}}`), a docstring, a CSS selector, what an import brings in, a table's column
 * and a Go struct's field; and a declaration's type, by the name it types
 * (`public {{subtotalType}} Subtotal { get; set; }`).
 */

/** Keywords that declare a name, and what that name is called. */
const DECLARED = new Map([
  ['interface', 'interface name'],
  ['class', 'class name'],
  ['struct', 'struct name'],
  ['enum', 'enum name'],
  ['trait', 'trait name'],
  ['record', 'record name'],
  ['protocol', 'protocol name'],
  ['type', 'type name'],
  ['function', 'function name'],
  ['func', 'function name'],
  ['def', 'function name'],
  ['fn', 'function name'],
  ['const', 'variable name'],
  ['let', 'variable name'],
  ['var', 'variable name'],
]);

const DECLARATION = new RegExp(`(?:^|[^\\w$])(${[...DECLARED.keys()].join('|')})\\s+$`, 'u');
/** A column's type in SQL, after its name. */
const SQL_TYPE = /^\s+(?:VARCHAR|CHAR|TEXT|INT|INTEGER|BIGINT|SMALLINT|SERIAL|BIGSERIAL|UUID|BOOLEAN|BOOL|DATE|DATETIME|TIMESTAMP|TIMESTAMPTZ|NUMERIC|DECIMAL|FLOAT|DOUBLE|REAL|JSONB?)\b/iu;
/** The calls whose first argument titles a test (`it`, `test`) or a group of tests (`describe`). */
const TEST_TITLE = /(?:^|[^\w$.])(it|test|specify|scenario|describe|context|suite)\s*\(?\s*['"`]$/u;
const GROUPS = new Set(['describe', 'context', 'suite']);

/**
 * What a name declared right after a keyword is called (`interface name`), or '': before any word
 * near it, as `struct {{value}}` declares a name and is no `struct`. `before`: the line's text
 * before the value.
 */
export function declaredHint(before: string): string {
  const keyword = DECLARATION.exec(before)?.[1];
  return keyword === undefined ? '' : (DECLARED.get(keyword) ?? '');
}

/**
 * What the value between `before` and `after` (the line's text around it; `before` from the
 * line's start when `fromLineStart`) is by its place (see the module comment), or '' when its place
 * says nothing. `markdown`: the line is Markdown's, where `# {{heading}}` is no comment.
 */
export function placeHint(before: string, after: string, fromLineStart: boolean, markdown = false): string {
  const title = TEST_TITLE.exec(before)?.[1];
  if (title !== undefined) return GROUPS.has(title) ? 'suite title' : 'test title';
  // A tag opens at the start of a line or after markup (`<{{tag}}>`, `return <{{tag}} …`), not
  // after a type's name (`Mapper<{{value}}>`) or in a comparison (`a < b`).
  if (/(?:^|[\s>(){}=?:,])<\/?$/u.test(before) && /^(?:[\s/>]|$)/u.test(after)) return 'tag';
  // What an import brings in (`import { {{importName}} } from`, `import {{importName}} from`).
  if (/(?:^|[^\w$.])import\s*(?:type\s+)?(?:\{(?:[^}]*,)?\s*)?$/u.test(before) && /^\s*(?:[},]|from\b)/u.test(after)) return 'import name';
  if (!fromLineStart) return '';
  const lead = before.trim();
  // In Markdown a line that `#` starts is a heading.
  if (markdown && /^#+$/u.test(lead)) return 'heading';
  // A comment's mark, and any rule drawn after it (`# ---------- {{comment}}`, `/* ── … ── */`).
  if (/^(?:\/\/+|#+|\/\*+|\*|--|<!--)[^\p{L}\p{N}]*$/u.test(lead)) return 'comment';
  if (/^(?:"""|''')$/u.test(lead)) return 'docstring';
  if (/^["']?$/u.test(lead) && /^["']?\s*[:=](?!=)/u.test(after)) return 'key';
  // A string alone on its line, a comma after it: one item of a list (`"{{item}}",`).
  if (/^["'`]$/u.test(lead) && after.startsWith(lead) && /^,?\s*$/u.test(after.slice(1))) return 'item';
  if (lead === '.' && /^\s*[{,]/u.test(after)) return 'selector';
  // A line that opens with the value, a type after it: a table's column (`{{column}} VARCHAR(255)`)
  // or a Go struct's field, its tag after the type (`{{field}} string \`json:"id"\``).
  if (lead === '' && SQL_TYPE.test(after)) return 'column';
  if (lead === '' && /^\s*(?:\[\])?\*?[\w.]+\s+`/u.test(after)) return 'field';
  return '';
}

/** Words that modify a declaration and are never its type. */
const MODIFIERS = new Set('var let const val final static public private protected internal readonly export async override abstract virtual sealed open lateinit new return'.split(' '));
/** A type as a declaration writes it: `decimal`, `string?`, `List<Item>`, `int[]`, `models.User`. */
const TYPE = /^[A-Za-z_$][\w$.]*(?:<[\w$.,\s<>?]*>)?(?:\[\])*\??$/u;

/**
 * What a value that is a declaration's type is called, after the name it types
 * (`public {{subtotalType}} Subtotal { get; set; }`, `private {{idType}} id;`), or '' when the
 * values are no types or no name follows. `after`: the line's text after the value.
 */
export function typeHint(values: readonly (string | undefined)[], after: string): string {
  const declared = /^\s+([A-Za-z_$][\w$]*)\s*[{;=,)]/u.exec(after)?.[1];
  const given = values.filter((value): value is string => value !== undefined);
  if (declared === undefined || given.length === 0 || !given.every((value) => TYPE.test(value) && !MODIFIERS.has(value))) return '';
  return `${declared} type`;
}
