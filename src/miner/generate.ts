/**
 * Step 7: a member from params. Rendering as the library renders (src/library/render.ts), in one
 * synchronous pass:
 * - params not given take their default from the manifest (a new member needs only its name); a
 *   given string is read without its affixes (`AppSidebar` is a `Sidebar` when the members are
 *   `AppFooter`, `AppHeader`);
 * - a file whose template content is not empty but renders to nothing but whitespace is not
 *   generated: files that only some members have are wrapped in `{{#if hasStories}}…{{/if}}`.
 */
import { readGiven } from '../library/affixes.js';
import type { Template } from '../library/template.js';
import { defaultRenderer, paramsBeforeDefaults, renderedDefault } from '../library/render.js';
import { checkRenderedPath, createRenderer, stripTemplateSuffix, type Renderer } from '../render/index.js';
import type { Example, ParamValue } from './types.js';

export interface GenerateOptions {
  /** The renderer to use (one made by `createRenderer()` by default). */
  readonly renderer?: Renderer | undefined;
}

/**
 * The params a template is rendered with: the given ones over the manifest's defaults; a default
 * that is itself a template (`"/{{kebabCase (pluralize name)}}"`) is rendered with the params
 * before it, as the library resolves params.
 */
export function withDefaults(
  template: Template,
  params: Readonly<Record<string, ParamValue | undefined>>,
  renderer: Renderer = createRenderer({ cache: false }),
): Record<string, ParamValue> {
  const { resolved, deferred } = paramsBeforeDefaults(template.manifest, params, {
    read: (_name, spec, value) => (typeof value === 'string' ? readGiven(value, spec, template.manifest.plurals) : value),
    renderDefault: defaultRenderer(renderer, template.manifest),
  });
  const out = resolved as Record<string, ParamValue>;
  for (const [name, value] of Object.entries(params)) if (value !== undefined && !Object.hasOwn(out, name)) out[name] = value;
  for (const { name, spec, source, asGiven } of deferred) {
    const text = renderer.renderSync(source, { ...out, ...asGiven }, { name: `${template.manifest.name}: params.${name}.default`, plurals: template.manifest.plurals });
    out[name] = renderedDefault(template.manifest.name, name, spec, text) as ParamValue;
  }
  return out;
}

/**
 * Renders a (mined) template for one member.
 *
 * @example generateMember(template, { name: 'OrderItem' }) // [{ path: 'src/routes/order-items.routes.ts', content: '…' }]
 * @throws WoptError E_TEMPLATE_PARAM when a param without default is missing (the entity name);
 *   E_PATH_INVALID / E_PATH_OUTSIDE_ROOT for a bad rendered path.
 */
export function generateMember(template: Template, params: Readonly<Record<string, ParamValue | undefined>>, options: GenerateOptions = {}): Example[] {
  const renderer = options.renderer ?? createRenderer({ cache: false });
  const values = withDefaults(template, params, renderer);
  const out: Example[] = [];
  for (const file of template.files) {
    const content = renderer.renderSync(file.content, values, { name: file.path, plurals: template.manifest.plurals });
    if (file.content.trim() !== '' && content.trim() === '') continue;
    const path = checkRenderedPath(file.path, renderer.renderSync(stripTemplateSuffix(file.path), values, { name: file.path, plurals: template.manifest.plurals }));
    out.push({ path, content });
  }
  return out;
}
