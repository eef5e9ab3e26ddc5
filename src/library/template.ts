/**
 * A template, in memory: the parsed `template.json` plus its files. On disk a template is a folder
 * holding `template.json` and `files/**`; both the file paths and the contents are Handlebars, and a
 * trailing `.hbs` is dropped from output names.
 */

export type ParamType = 'string' | 'number' | 'boolean' | 'string[]';

export interface ParamSpec {
  readonly type: ParamType;
  readonly description?: string;
  /** The question asked on a TTY when the param is not given. */
  readonly prompt?: string;
  readonly default?: ParamDefault;
  /** A regular expression (source text) a string value must match. */
  readonly pattern?: string;
  /** Defaults to true for params without a default. */
  readonly required?: boolean;
  /**
   * Words around what a string value names, as the files of a family are named. By default they
   * are not part of the name: with `{ "prefix": "App" }` (`AppFooter.vue`, `AppHeader.vue`),
   * `AppSidebar` and `app-sidebar` are read as `Sidebar`, and `Sidebar` stays. With `"keep": true`
   * they are part of every name: with `{ "suffix": "Icon", "keep": true }` (`BellIcon.tsx`), a
   * given `Avatar` is read as `AvatarIcon`. Matched as whole words in any case. Mined templates
   * set it on the entity param from the words every member's label shares.
   * @example { "prefix": "use", "suffix": "Store" }
   */
  readonly affixes?: ParamAffixes;
  /**
   * `"pascal"`: a given value is read in PascalCase, keeping the acronyms it is written with
   * (`get-order-by-id` and `getOrderById` as `GetOrderById`, `getOrderByID` as `GetOrderByID`,
   * `USER_CARD` as `UserCard`), so the template can write the value as given (`{{name}}`,
   * `{{lowerFirst name}}`) and still take a name in any case. Applied before the affixes. Mined
   * templates set it on the entity param where the members write their names as given: with
   * acronyms no case helper spells, or in Go and Swift, which keep initialisms in one case.
   */
  readonly case?: 'pascal';
  /**
   * `"singular"`: the value names one thing, which the template pluralizes itself where it wants
   * the plural; a plural given (`Users`, `LichEphemeras`, the form a family's file names write) is
   * read as its singular (`User`, `LichEphemera`). A value the inflector does not read as a plural
   * (`Status`, `Series`) stays. Applied after the affixes. Mined templates set it on the entity
   * param when the members' names are singular and the template writes them in both numbers.
   */
  readonly number?: 'singular';
  /**
   * `true` on a param whose default is written from the names: the default sees a `"singular"`
   * param's value in the number it was given in, not read as its singular. For a path the members
   * write in their own number (`auth.py`, `dashboard.py` beside `products.py`): `--name Stock` makes
   * `stock.py`, `--name Products` `products.py`. Mined templates set it where the members do so.
   */
  readonly numberAsGiven?: true;
}

/** See ParamSpec.affixes. */
export interface ParamAffixes {
  readonly prefix?: string;
  readonly suffix?: string;
  /** The words are part of every name: a value lacking them gets them. Default false. */
  readonly keep?: boolean;
  /**
   * Set where the suffix names a kind of deployable (`service`) that the template writes with the
   * `kindSuffix` helper: the kinds the members' own names say (`["frontend"]` for a
   * `frontend-service` member). A name of another kind (`ApiGateway`) is written without the
   * suffix, and a value given with the suffix after such a name (`FrontendService`) keeps it.
   */
  readonly ownKinds?: readonly string[];
}

/** Where a mined template came from, so it can be checked for drift and re-mined. */
export interface Provenance {
  readonly kind: 'mined';
  /** The glob the examples were found with. */
  readonly from?: string;
  /** Every source file, root-relative, with the sha256 of its content when mined. */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly minedAt?: string;
  /** The wopt version that mined it. */
  readonly tool?: string;
}

/** `template.json`. Params are keyed by name. */
export interface TemplateManifest {
  /**
   * The JSON Schema editors validate `template.json` against (kept as written; not part of the
   * content hash).
   */
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly source?: Provenance;
  /**
   * How the generated files are formatted: with `prettier`, every file prettier parses is formatted
   * with exactly these options after rendering, whatever the project's formatting setting (mined
   * templates record the options their examples were formatted with, so a long new name wraps
   * where the examples' code would). A file prettier cannot parse is written as rendered.
   * @example { "prettier": { "singleQuote": true, "printWidth": 100 } }
   */
  readonly format?: TemplateFormat;
  /**
   * Plurals this template spells its own way, singular to plural in lower case (`{ "fornecedor":
   * "fornecedores" }`): its `pluralize` and `singularize` use them before the English rules. Mined
   * templates record those their members write (`fornecedores/` holding `Fornecedor`).
   */
  readonly plurals?: Readonly<Record<string, string>>;
  /**
   * Param values of known instances of the template, one object per instance (mined templates
   * record each member's). They refine the defaults by what is given: where at least two instances
   * share each given value that some two share (`method: "get"`), a param left out takes the value
   * those instances mostly have (a query hook's imports, not a mutation's) rather than its default.
   * A tie, or fewer than two such instances, leaves the default; an instance without a param votes
   * for its default.
   * @example [{ "name": "GetAll", "method": "get", "withQuery": true }, { "name": "Create", "method": "post", "withQuery": false }]
   */
  readonly examples?: readonly Readonly<Record<string, ParamDefault>>[];
}

/** A param's value as template.json writes it (a default, an example's value). */
export type ParamDefault = string | number | boolean | readonly string[];

/** See TemplateManifest.format. */
export interface TemplateFormat {
  readonly prettier: Readonly<Record<string, string | number | boolean>>;
}

/** One file of a template: its path below `files/` and its content, both Handlebars. */
export interface TemplateFile {
  readonly path: string;
  readonly content: string;
  /** File mode for the output (e.g. 0o755 for a script); default: the writer's default. */
  readonly mode?: number;
}

export interface Template {
  readonly manifest: TemplateManifest;
  readonly files: readonly TemplateFile[];
  /** The folder's `README.md`, carried along on add/export/import; documentation, not part of the content hash. */
  readonly readme?: string;
}
