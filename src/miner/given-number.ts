/**
 * Names in the number each member writes them in. Where a param written from the name spells
 * every member's name in one case, some in the plural and some in the singular (FastAPI routers
 * `auth.py`, `dashboard.py` beside `products.py`, `suppliers.py`; TypeORM entities `Menus.ts`
 * beside `StatutCommande.ts`), the number is each member's own, not a rule the template can keep:
 * the default writes the name in the number it is given in (`numberAsGiven`), so `--name Stock`
 * makes `stock.py` and `--name Products` `products.py`, where a default in the plural made
 * `stocks.py` of the one and the singular `product.py` of the other.
 */
import type { Built, MinedParam } from './ir.js';
import type { ParamValue } from './types.js';
import { spell } from './variants.js';

/** `built` with each such param's default the name in the number given. */
export function numberAsGiven(built: Built, names: readonly string[]): Built {
  const params = built.params.map((param): MinedParam => {
    const [only, ...rest] = param.kind === 'value' ? (param.template ?? []) : [];
    if (param.kind !== 'value' || only?.t !== 'name' || only.form.slice !== undefined || rest.length > 0) return param;
    let singular = false;
    let plural = false;
    for (const [m, value] of param.values.entries()) {
      if (value === undefined) continue;
      const one = spell(names[m] ?? '', { ...only.form, plural: false });
      const many = spell(names[m] ?? '', { ...only.form, plural: true });
      if (value === one && value !== many) singular = true;
      else if (value === many && value !== one) plural = true;
      else if (value !== one) return param;
    }
    return singular && plural ? { ...param, template: [{ t: 'name', form: { ...only.form, plural: false } }], numberAsGiven: true } : param;
  });
  return { ...built, params };
}

/**
 * Member `m`'s own values of the params that write its name in its own number: what names its
 * files (`products.py`), where its name alone, `Product`, would name `product.py`. A check that
 * renders a member from its name compares the files it knows by these.
 */
export function ownNumberValues(params: readonly MinedParam[], m: number): Record<string, ParamValue> {
  return Object.fromEntries(
    params.flatMap((param) => {
      const value = param.kind === 'value' && param.numberAsGiven === true ? param.values[m] : undefined;
      return value === undefined ? [] : [[param.name, value] as const];
    }),
  );
}
