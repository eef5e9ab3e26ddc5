/**
 * Parts of a system named with their kind (`cart-service`, `CartService`, `CART_SERVICE`): where
 * every member's name ends with a word naming a kind of deployable, read off as a suffix (see
 * names.ts), and the paths write it so in kebab-case or snake_case, in a folder's name or a
 * settings file's (not code's: `orders-api.ts`), the template writes that word
 * with the kindSuffix helper wherever it follows the name (and the name elsewhere with
 * withoutKind), so that a new part of another kind keeps its own name: beside `cart-service` and
 * `order-service`, an `ApiGateway` is `api-gateway` and a `Frontend` is `frontend`, as a system's
 * gateway and front end are named, not `api-gateway-service`.
 */
import type { ParamAffixes } from '../library/template.js';
import { pascalCase, words } from '../render/case.js';
import { COMPONENT_KINDS, componentKindOf } from '../render/kinds.js';
import { mergeText, type Piece } from './emit.js';
import type { Built } from './ir.js';
import { spell, type NameForm } from './variants.js';

/** A name's spelling in `form` followed by the suffix, less the name's: what the form writes the suffix as (`-service`). */
function suffixText(form: NameForm, suffix: string): string | undefined {
  // The name as given (PascalCase, or with its first word in lower case) is followed by the suffix in PascalCase.
  if (form.helper === 'asIs' || form.helper === 'lowerFirst') return pascalCase(suffix);
  const probe = 'Qz';
  const alone = spell(probe, form);
  const followed = spell(`${probe} ${suffix}`, form);
  return followed.startsWith(alone) && followed.length > alone.length ? followed.slice(alone.length) : undefined;
}

/** Whether `text` starts with `start` as whole words: the next character does not go on with its last word. */
function startsWithWords(text: string, start: string): boolean {
  if (!text.startsWith(start)) return false;
  const next = text.charAt(start.length);
  const last = start.charAt(start.length - 1);
  if (/[a-z]/.test(last)) return !/[a-z0-9]/.test(next);
  if (/[A-Z]/.test(last)) return !/[A-Z0-9]/.test(next);
  return true;
}

/**
 * After a deployable's name in a path: a folder (`charts/cart-service/`) or a file of settings
 * (`cart-service.yml`, a chart, a workflow, a Terraform module), where `cart-service.ts` is code.
 */
const DEPLOYABLE_REST = /^(?:\/|(?:\.[\w-]+)*\.(?:ya?ml|json|toml|tf|tfvars|hcl|ini|conf|cfg|env|properties|tpl|sh)$)/i;

/**
 * The pieces with the suffix marked after the name; `separated` gets what follows each suffix marked
 * after a name in kebab-case or snake_case (`cart-service`: `/values.yaml`, `.yml`).
 */
function markSuffixes(pieces: readonly Piece[], suffix: string, ownKinds: readonly string[], separated: string[]): Piece[] {
  const merged = mergeText(pieces);
  const out: Piece[] = [];
  for (let index = 0; index < merged.length; index++) {
    const piece = merged[index] as Piece;
    const next = merged[index + 1];
    if (piece.t === 'name') {
      const text = piece.form.slice === undefined && !piece.form.plural ? suffixText(piece.form, suffix) : undefined;
      if (text !== undefined && next?.t === 'text' && startsWithWords(next.text, text)) {
        if (piece.form.helper === 'kebabCase' || piece.form.helper === 'snakeCase') separated.push(next.text.slice(text.length));
        out.push(piece, { t: 'kindSuffix', text, ownKinds });
        if (next.text.length > text.length) out.push({ t: 'text', text: next.text.slice(text.length) });
        index++;
      } else {
        // Anywhere else the template writes the part's own name (`- name: cart`): a name given with
        // the kind's word (`FrontendService`, see ParamAffixes.ownKinds) is written without it there.
        out.push({ ...piece, withoutKind: suffix });
      }
    } else if (piece.t === 'if') {
      out.push({ ...piece, then: markSuffixes(piece.then, suffix, ownKinds, separated), else: markSuffixes(piece.else, suffix, ownKinds, separated) });
    } else if (piece.t === 'each') {
      out.push({ ...piece, body: markSuffixes(piece.body, suffix, ownKinds, separated) });
    } else if (piece.t === 'fits') {
      out.push({ ...piece, narrow: markSuffixes(piece.narrow, suffix, ownKinds, separated), wide: markSuffixes(piece.wide, suffix, ownKinds, separated) });
    } else {
      out.push(piece);
    }
  }
  return out;
}

/**
 * The template with the kind's word written by kindSuffix after the name, and the affixes saying
 * so (ParamAffixes.ownKinds: the kinds the members' own names say, which keep the word); as it is
 * where the suffix stripped off the members' names names no kind, or no path writes it after the
 * name of a folder or a settings file in kebab-case or snake_case.
 *
 * @param names the members' names, the suffix read off
 */
export function withKindSuffixes(built: Built, affixes: ParamAffixes | undefined, names: readonly string[]): { built: Built; affixes: ParamAffixes | undefined } {
  const suffix = affixes?.keep === true ? undefined : affixes?.suffix;
  const kind = suffix === undefined ? undefined : words(suffix).at(-1)?.toLowerCase();
  if (suffix === undefined || kind === undefined || !COMPONENT_KINDS.has(kind)) return { built, affixes };
  const ownKinds = [...new Set(names.flatMap((name) => componentKindOf(name) ?? []))].sort();
  const separated: string[] = [];
  const mark = (pieces: readonly Piece[]) => markSuffixes(pieces, suffix, ownKinds, separated);
  const paths = built.files.map((file) => mark(file.path));
  // Deployables are named in kebab-case or snake_case, by a folder or a file of settings (a chart,
  // a container, a workflow); a class named so in its file (`ProductService.java`, `adminApi.js`,
  // `orders-api.ts`) is code, whose `PaymentGateway` service is a `PaymentGatewayService`.
  if (!separated.some((rest) => DEPLOYABLE_REST.test(rest))) return { built, affixes };
  const files = built.files.map((file, f) => ({ ...file, path: paths[f] ?? file.path, content: mark(file.content) }));
  const params = built.params.map((param) => (param.kind === 'value' && param.template !== undefined ? { ...param, template: mark(param.template) } : param));
  return { built: { ...built, files, params }, affixes: { ...affixes, ownKinds } };
}
