/**
 * Labels and keys the members write from the name (`title: 'Forms/Bottom Sheet'`,
 * `@Controller('users')`, `Schema::create('milk_storage')`) become value params whose defaults are
 * written from the name, and the identifiers and paths that spell a key follow it.
 */
import { mergeText, type Piece } from './emit.js';
import { mapBranches, type FlagMembers } from './branches.js';
import type { BuiltFile, MinedParam, ValueParam } from './ir.js';
import type { Registry } from './registry.js';
import { formKey, spell, type CaseHelper } from './variants.js';

/** Forms that write a name as prose, the way a label or a title shows it. */
const PROSE_FORMS = new Set(['titleCase', 'sentenceCase', 'noCase']);
/** Forms that write a name as a key in another namespace: a table, a route, a collection. */
const KEY_FORMS = new Set(['snakeCase', 'kebabCase', 'lowerCase']);
const QUOTES = ['"', "'", '`'];
/** What a label may hold around the name: words, spaces and a few separators, on one line. */
const LABEL_TEXT = /^[\p{L}\p{N} /._:,()-]{0,40}$/u;
/** What a key may hold around the name: a route's or a package's parts, no spaces. */
const KEY_TEXT = /^[\p{L}\p{N}/._:@-]{0,40}$/u;
/** An interpolation in a template literal of a name or a property path (`${environment.apiUrl}`). */
const INTERPOLATION = /\$\{[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\}/gu;
/**
 * The call or setting a key is given to where it names a table (`Schema::create('orders')`,
 * `table_name = "orders"`, `__tablename__ = 'orders'`). Database tools name a migration or an
 * entity's file after its table, so the file follows the key whatever it is; a route or a
 * command's name may be shortened apart from the file (`@Controller('integrations')` in
 * `company-integrations/`, `Use: "conf"` in `configuration.go`: see keyPaths).
 */
const TABLE_SETTING = /table|^create$/iu;

/**
 * A quoted label that is the name written as prose, alone or with words around it (`familyName:
 * 'Abhaya Libre'`, `title: 'Components/Bottom Sheet'`), is a value param whose default is that
 * text: nothing changes for a member whose label spells its name out, and one whose label does
 * not (`familyName: 'ABeeZee'`, `title: 'Forms/Input'`) is given with `--set`. So is a quoted key
 * that is the name in snake, kebab or lower case (`Schema::create('milk_storage')`,
 * `@Controller('users')`, `route: '/api/v1/orders'`): the name of a table or a route that does
 * not follow the entity's (`products` for Product beside `milk_storage`). Module paths
 * (`'./user.service'`) are not keys. Each key param joins `keys`, and `tables` too where it names a
 * table, which paths then follow outright (see keyPaths). `active`: the members these pieces are
 * written for (a branch holds fewer).
 */
export function labelAndKeyParams(
  pieces: readonly Piece[],
  active: readonly number[],
  registry: Registry,
  names: readonly string[],
  flags: FlagMembers,
  keys: Set<string>,
  tables: Set<string>,
): Piece[] {
  const list = [...pieces];
  // Two members or more show the label follows the name; one member's is just its text.
  for (let i = 1; i + 1 < list.length && active.length >= 2; i++) {
    const piece = list[i];
    const before = list[i - 1];
    const after = list[i + 1];
    if (piece?.t !== 'name' || piece.form.slice !== undefined) continue;
    const key = KEY_FORMS.has(piece.form.helper);
    if ((!key && !PROSE_FORMS.has(piece.form.helper)) || before?.t !== 'text' || after?.t !== 'text') continue;
    const open = Math.max(...QUOTES.map((quote) => before.text.lastIndexOf(quote)));
    const quote = before.text[open] ?? '';
    // An opening quote: an even number of its kind before it on the line.
    const lineStart = before.text.lastIndexOf('\n', open) + 1;
    if (open < 0 || before.text.slice(lineStart, open).split(quote).length % 2 === 0) continue;
    const close = after.text.indexOf(quote);
    const prefix = before.text.slice(open + 1);
    const suffix = after.text.slice(0, Math.max(0, close));
    const around = key ? KEY_TEXT : LABEL_TEXT;
    // A template literal's interpolations are parts of a route like any (`${environment.apiUrl}/brands`).
    const plain = (text: string) => (quote === '`' ? text.replace(INTERPOLATION, '') : text);
    if (close < 0 || !around.test(plain(prefix)) || !around.test(plain(suffix))) continue;
    if (key && (prefix.startsWith('.') || /\b(?:from|import)\s*$/u.test(before.text.slice(lineStart, open)))) continue;
    const values = names.map((name, m) => (active.includes(m) ? `${prefix}${spell(name, piece.form)}${suffix}` : undefined));
    const named = /([A-Za-z_$][\w$]*)["']?\s*([:=(])\s*$/.exec(before.text.slice(0, open));
    // A route passed to a call (`http.post('/api/orders')`) is a route, not a `post`.
    const hint = key && named?.[2] === '(' && prefix.startsWith('/') ? 'route' : (named?.[1] ?? (key ? 'key' : 'label'));
    const template = mergeText([{ t: 'text', text: prefix }, piece, { t: 'text', text: suffix }]);
    list[i - 1] = { t: 'text', text: before.text.slice(0, open + 1) };
    const param = registry.value(values, hint, active[0] ?? 0, template);
    // A key a comment quotes (`/// The \`ship_arrived\` event.`) documents the name: no scaffolder
    // was given it, so identifiers are not written from it. (`#[sea_orm(table_name = "saldo")]` is
    // Rust, not a comment.)
    const comment = /^\s*(?:\/\/|\/\*|\*(?:\s|$)|#(?:\s|$)|--\s|<!--)/u.test(before.text.slice(lineStart, open));
    if (key && prefix === '' && suffix === '' && !comment) {
      keys.add(param);
      if (TABLE_SETTING.test(named?.[1] ?? '')) tables.add(param);
    }
    list[i] = { t: 'value', param };
    list[i + 1] = { t: 'text', text: after.text.slice(close) };
  }
  return list.map((piece) => mapBranches(piece, active, flags, (branch, members) => labelAndKeyParams(branch, members, registry, names, flags, keys, tables)));
}

/** Case forms of identifiers a scaffolder writes from the string it is given (see keyNames). */
const IDENTIFIER_FORMS: ReadonlySet<CaseHelper> = new Set(['pascalCase', 'camelCase', 'snakeCase', 'kebabCase', 'constantCase']);

/**
 * Identifiers that spell the key param (see labelAndKeyParams) in every member are written from it:
 * a scaffolder makes them from the one string it is given (`nest g resource clients` writes
 * `@Controller('clients')` and `ClientsService`, `company` writes `CompanyService`; Laravel's
 * `create_availability_table` writes `CreateAvailabilityTable`), so the key given with `--set`
 * names them too. Without it the key's default is written from the name, and so are they.
 */
export function keyNames(
  files: readonly BuiltFile[],
  params: readonly MinedParam[],
  keys: ReadonlySet<string>,
  names: readonly string[],
  flags: FlagMembers,
): { files: BuiltFile[]; params: MinedParam[] } {
  // Keys whose default is the name in words a case can be read back from (a literal default would
  // name every new member alike; `componentstatus` is no `ComponentStatus`).
  const nameWords = (param: MinedParam): param is ValueParam => {
    const only = param.kind === 'value' && param.template?.length === 1 ? param.template[0] : undefined;
    return only?.t === 'name' && (only.form.helper === 'snakeCase' || only.form.helper === 'kebabCase');
  };
  const keyParams = params.filter((param): param is ValueParam => keys.has(param.name) && nameWords(param));
  const keyOf = (piece: Piece, active: readonly number[]): Piece => {
    if (piece.t !== 'name') return piece;
    const { helper, slice } = piece.form;
    if (slice !== undefined || !IDENTIFIER_FORMS.has(helper) || active.length === 0) return piece;
    const param = keyParams.find((known) =>
      active.every((m) => {
        const value = known.values[m];
        return value !== undefined && value !== '' && spell(value, { helper, plural: false }) === spell(names[m] ?? '', piece.form);
      }),
    );
    return param === undefined ? piece : { t: 'value', param: param.name, helper };
  };
  const rewrite = (pieces: readonly Piece[], active: readonly number[]): Piece[] =>
    keyParams.length === 0 ? [...pieces] : pieces.map((piece) => (piece.t === 'name' ? keyOf(piece, active) : mapBranches(piece, active, flags, rewrite)));
  // A value written from the name (`Create{{pascalCase (pluralize name)}}Table`: a class the members
  // name in the plural and in the singular, as their tables) is written from the key where that
  // gives every member's own value (the default alone is one member's).
  const spelledFrom = (template: readonly Piece[], key: ValueParam, m: number): string | undefined => {
    const value = key.values[m];
    let out = '';
    for (const piece of template) {
      if (piece.t === 'text') out += piece.text;
      else if (piece.t === 'value' && piece.param === key.name && piece.helper !== undefined && value !== undefined) out += spell(value, { helper: piece.helper, plural: false });
      else return undefined;
    }
    return out;
  };
  // Keys, and the like in a path (`create_{{table}}_table.php`, the literal in the file taking it).
  // A param written from another is no source, and a source is not written from another, so no
  // two defaults read each other (a folder `accounting-rules` and a route `accounting_rules`).
  const sources = params.filter(nameWords);
  const writtenFromOther = new Set<string>();
  const readByOther = new Set<string>();
  const withKeys = params.map((param): MinedParam => {
    if (param.kind !== 'value' || param.template === undefined || keys.has(param.name) || readByOther.has(param.name)) return param;
    const having = param.values.flatMap((value, m) => (value === undefined ? [] : [m]));
    for (const key of sources) {
      if (key === param || writtenFromOther.has(key.name) || having.some((m) => key.values[m] === undefined)) continue;
      const template = param.template.map((piece): Piece =>
        piece.t === 'name' && piece.form.slice === undefined && IDENTIFIER_FORMS.has(piece.form.helper) ? { t: 'value', param: key.name, helper: piece.form.helper } : piece,
      );
      if (having.length > 0 && having.every((m) => spelledFrom(template, key, m) === param.values[m])) {
        writtenFromOther.add(param.name);
        readByOther.add(key.name);
        return { ...param, template };
      }
    }
    return param;
  });
  return { files: files.map((file) => ({ ...file, content: rewrite(file.content, file.members) })), params: withKeys };
}

/**
 * The name in a path that spells a key param (see labelAndKeyParams) in every member is written
 * from it. A table's key names the path outright: with `Schema::create('{{create}}')`,
 * `{{timestamp}}_create_{{create}}_table.php`, so a table given with `--set` names the file too.
 * Another key (a route, a command's name) names it only where it spells the name, in either number
 * (`keyOr`): `nest g resource company` writes `company/` and `@Controller('company')` from one
 * string, but a route shortened to `integrations` leaves `company-integrations/` to the name.
 */
export function keyPaths(files: readonly BuiltFile[], params: readonly MinedParam[], keys: ReadonlySet<string>, tables: ReadonlySet<string>, names: readonly string[]): BuiltFile[] {
  const keyParams = params.filter((param): param is ValueParam => param.kind === 'value' && keys.has(param.name));
  if (keyParams.length === 0) return [...files];
  return files.map((file) => {
    const path = file.path.map((piece): Piece => {
      if (piece.t !== 'name' || piece.form.slice !== undefined) return piece;
      const spelled = file.members.map((m) => spell(names[m] ?? '', piece.form));
      // Spelled alike and written in the same form: one-word names spell `cart` in several forms,
      // and the file name's own context (`cartSlice.ts`: camelCase) outranks the key's guess.
      const sameForm = (known: ValueParam) => {
        const [only, ...rest] = known.template ?? [];
        return rest.length > 0 || only?.t !== 'name' || formKey(only.form) === formKey(piece.form);
      };
      const param = keyParams.find((known) => file.members.every((m, k) => known.values[m] === spelled[k]) && sameForm(known));
      if (param === undefined) return piece;
      // In the path's own case, where that gives every member's key back: a key given as
      // `--set route=Payment` still names the folder `payment/` as the members name theirs.
      const { helper } = piece.form;
      const keepsKeys = IDENTIFIER_FORMS.has(helper) && spelled.every((value) => spell(value, { helper, plural: false }) === value);
      const orName = tables.has(param.name) ? {} : { orName: piece.form };
      return keepsKeys ? { t: 'value', param: param.name, helper, ...orName } : { t: 'value', param: param.name, ...orName };
    });
    return { ...file, path };
  });
}
