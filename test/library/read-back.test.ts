import { describe, expect, it } from 'vitest';
import { readGiven } from '../../src/library/affixes.js';
import { paramsReadBack } from '../../src/library/read-back.js';
import { renderTemplate } from '../../src/library/render.js';
import type { ParamSpec, Template, TemplateManifest } from '../../src/library/template.js';
import { createRenderer } from '../../src/render/index.js';

// A quicktype response model: the file, the class and the data import all write the plural.
const responses: TemplateManifest = {
  name: 'responses',
  params: {
    name: { type: 'string', required: true },
    plural: { type: 'string', default: '{{pascalCase (pluralize name)}}', case: 'pascal', required: false },
    data: { type: 'string', default: 'Data{{pascalCase plural}}', required: false },
    dataImport: { type: 'string', default: 'data_{{snakeCase plural}}.dart', required: false },
    route: { type: 'string', default: '{{kebabCase plural}}', required: false },
    label: { type: 'string', default: 'All {{plural}}', required: false },
    section: { type: 'string', default: 'Marvel', required: false },
    heading: { type: 'string', default: '# {{section}}', required: false },
  },
  examples: [
    { name: 'Event', plural: 'Events', data: 'DataEvents', dataImport: 'data_events.dart', route: 'events', label: 'All Events' },
    { name: 'Story', plural: 'Stories', data: 'DataStories', dataImport: 'data_stories.dart', route: 'stories', label: 'All Stories' },
    // A member without the part: its value has not the default's shape, and says nothing.
    { name: 'Character', plural: 'Characters', data: 'Data', dataImport: 'data.dart', route: 'characters', label: 'All Characters' },
  ],
};

const read = (_name: string, spec: ParamSpec, value: string): unknown => readGiven(value, spec);

describe('paramsReadBack', () => {
  it('reads a param back from a value given for a default written from it, in the case the param is read in', () => {
    expect(paramsReadBack(responses, { name: 'Comic', data: 'DataComic' }, read)).toEqual({ values: { plural: 'Comic' }, notes: ['plural="Comic", as data="DataComic" spells it'] });
    // Any case the param is read in: the value is read as given would be.
    expect(paramsReadBack(responses, { name: 'Comic', dataImport: 'data_comic_book.dart' }, read).values).toEqual({ plural: 'ComicBook' });
    // A param alone in its mustache, read in no case of its own, is read as it stands.
    expect(paramsReadBack(responses, { name: 'Comic', heading: '# DC comics' }, read).values).toEqual({ section: 'DC comics' });
    // One read in a case of its own must render the value again: `comics ever` is not `ComicsEver`.
    expect(paramsReadBack(responses, { name: 'Comic', label: 'All comics ever' }, read).values).toEqual({});
    expect(paramsReadBack(responses, { name: 'Comic', label: 'All Comics' }, read).values).toEqual({ plural: 'Comics' });
  });

  it('reads on through the params the one read back spells, in the case their defaults write them', () => {
    // As the miner writes it: the data class from the file name, the file name from the plural.
    const chained: TemplateManifest = {
      ...responses,
      params: {
        ...responses.params,
        fileName: { type: 'string', default: '{{snakeCase plural}}', required: false },
        data: { type: 'string', default: 'Data{{pascalCase fileName}}', required: false },
      },
      examples: responses.examples?.map((example) => ({ ...example, fileName: String(example.route).replace(/-/gu, '_') })),
    };
    expect(paramsReadBack(chained, { name: 'Comic', data: 'DataComicBook' }, read)).toEqual({
      values: { fileName: 'comic_book', plural: 'ComicBook' },
      notes: ['fileName="comic_book", plural="ComicBook", as data="DataComicBook" spells them'],
    });
    // A param spelled two ways reads nothing on through it, whichever value comes first.
    const twice: TemplateManifest = { ...chained, params: { ...chained.params, stem: { type: 'string', default: '{{fileName}}.g', required: false } } };
    expect(paramsReadBack(twice, { name: 'Comic', data: 'DataComic', stem: 'comic_book.g' }, read).values).toEqual({});
    expect(paramsReadBack(twice, { name: 'Comic', stem: 'comic_book.g', data: 'DataComic' }, read).values).toEqual({});
    expect(paramsReadBack(twice, { name: 'Comic', stem: 'comic.g', data: 'DataComic' }, read).values).toEqual({ fileName: 'comic', plural: 'Comic' });
    // A param written in no case of its own ends the reading: `Comic` could be `comic` or `COMIC`.
    const uncased: TemplateManifest = { ...chained, params: { ...chained.params, fileName: { type: 'string', default: 'comics', required: false } } };
    expect(paramsReadBack(uncased, { name: 'Comic', data: 'DataComic' }, read).values).toEqual({});
  });

  it('agrees with itself: values that spell the param alike read it once, two ways not at all', () => {
    expect(paramsReadBack(responses, { name: 'Comic', data: 'DataComic', dataImport: 'data_comic.dart' }, read)).toEqual({
      values: { plural: 'Comic' },
      notes: ['plural="Comic", as data="DataComic" and dataImport="data_comic.dart" spell it'],
    });
    expect(paramsReadBack(responses, { name: 'Comic', data: 'DataComic', dataImport: 'data_comics.dart' }, read).values).toEqual({});
  });

  it('reads nothing back that is not certain', () => {
    // The param is given: it is what it is.
    expect(paramsReadBack(responses, { name: 'Comic', plural: 'Comics', data: 'DataComic' }, read).values).toEqual({});
    // A value without the default's text around the param, or with nothing between.
    expect(paramsReadBack(responses, { name: 'Comic', data: 'ComicData' }, read).values).toEqual({});
    expect(paramsReadBack(responses, { name: 'Comic', data: 'Data' }, read).values).toEqual({});
    // A case helper over a param read in no case of its own: `Comic` could be `comic` or `COMIC`.
    const noCase: TemplateManifest = { ...responses, params: { ...responses.params, plural: { type: 'string', default: 'Comics', required: false } } };
    expect(paramsReadBack(noCase, { name: 'Comic', data: 'DataComic' }, read).values).toEqual({});
    // A value the param would refuse, or one that does not render the given value again.
    const patterned: TemplateManifest = { ...responses, params: { ...responses.params, plural: { ...responses.params.plural, pattern: '^[A-Z][a-z]+s$' } as ParamSpec } };
    const checked = (name: string, spec: ParamSpec, value: string): unknown => {
      if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(value)) throw new Error(`${name} does not match`);
      return read(name, spec, value);
    };
    expect(paramsReadBack(patterned, { name: 'Comic', data: 'DataComic' }, checked).values).toEqual({});
    expect(paramsReadBack(responses, { name: 'Comic', route: 'comic--book' }, read).values).toEqual({});
    // A default of more than one mustache, or of a helper over a helper.
    const two: TemplateManifest = { ...responses, params: { ...responses.params, data: { type: 'string', default: '{{name}}{{plural}}', required: false } } };
    expect(paramsReadBack(two, { name: 'Comic', data: 'ComicComic' }, read).values).toEqual({});
  });

  it('reads nothing back where an example spells the param otherwise in a value of that shape', () => {
    // Rails: a singular resource's route helper is singular beside a plural controller.
    const rails: TemplateManifest = {
      name: 'controllers',
      params: {
        name: { type: 'string', required: true },
        plural: { type: 'string', default: '{{pascalCase (pluralize name)}}', case: 'pascal', required: false },
        path: { type: 'string', default: '{{snakeCase plural}}_path', required: false },
      },
      examples: [
        { name: 'Product', plural: 'Products', path: 'products_path' },
        { name: 'Supplier', plural: 'Suppliers', path: 'supplier_path' },
      ],
    };
    expect(paramsReadBack(rails, { name: 'Seller', path: 'seller_path' }, read).values).toEqual({});
    const [, supplier] = rails.examples ?? [];
    expect(paramsReadBack({ ...rails, examples: [rails.examples?.[0] ?? {}, { ...supplier, path: 'suppliers_path' }] }, { name: 'Seller', path: 'seller_path' }, read).values).toEqual({ plural: 'Seller' });
  });

  // Per-package workflows: the TiDB one names its vendor after the package, the others do not.
  const workflows: TemplateManifest = {
    name: 'workflows',
    params: {
      name: { type: 'string', required: true },
      hasVendor: { type: 'boolean', default: true, required: false },
      hasArm: { type: 'boolean', default: false, required: false },
      label: { type: 'string', default: '{{name}}{{#if hasVendor}} (PingCAP){{/if}}', required: false },
      install: { type: 'string', default: 'Installing {{name}}{{#if hasVendor}} (PingCAP){{/if}}{{#if hasArm}} on Arm{{/if}}...', required: false },
      kind: { type: 'string', default: '{{#if hasArm}}arm64{{else}}amd64{{/if}}', required: false },
      title: { type: 'string', default: '# {{name}}{{#if hasVendor}} (PingCAP){{#if hasArm}} on Arm{{/if}}{{/if}}', required: false },
    },
    examples: [
      { name: 'TiDB', hasVendor: true, hasArm: false, label: 'TiDB (PingCAP)', install: 'Installing TiDB (PingCAP)...', kind: 'amd64' },
      { name: 'Flume', hasVendor: false, hasArm: true, label: 'Flume', install: 'Installing Flume on Arm...', kind: 'arm64' },
    ],
  };
  const render = (source: string, params: Readonly<Record<string, unknown>>): string => createRenderer().renderSync(source, params);

  it('reads a flag back from a value given for a default written from it and the name', () => {
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K' }, read, render)).toEqual({ values: { hasVendor: false }, notes: ['hasVendor=false, as label="CP2K" spells it'] });
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K (PingCAP)' }, read, render).values).toEqual({ hasVendor: true });
    // Two flags, each told apart; values that agree read them once.
    expect(paramsReadBack(workflows, { name: 'CP2K', install: 'Installing CP2K on Arm...', label: 'CP2K' }, read, render).values).toEqual({ hasVendor: false, hasArm: true });
    // A flag the value does not tell (Arm is said of the vendor's packages only) is not read.
    expect(paramsReadBack(workflows, { name: 'CP2K', title: '# CP2K' }, read, render).values).toEqual({ hasVendor: false });
    // Without the renderer nothing is tried.
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K' }, read).values).toEqual({});
  });

  it('reads no flag back that the value does not tell, that is given, that values spell two ways, or from a choice between texts', () => {
    // No setting renders it; the flag is given.
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K, the code' }, read, render).values).toEqual({});
    expect(paramsReadBack(workflows, { name: 'CP2K', hasVendor: true, label: 'CP2K' }, read, render).values).toEqual({});
    // Two values spelling the vendor flag two ways read it neither way; the flag only one tells stays.
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K', install: 'Installing CP2K (PingCAP)...' }, read, render).values).toEqual({ hasArm: false });
    // A third value agreeing with one of them does not settle it.
    expect(paramsReadBack(workflows, { name: 'CP2K', label: 'CP2K', install: 'Installing CP2K (PingCAP)...', title: '# CP2K' }, read, render).values).toEqual({ hasArm: false });
    // A value only chosen by the flag was written from the members it is true for: it says no kind.
    expect(paramsReadBack(workflows, { name: 'CP2K', kind: 'arm64' }, read, render).values).toEqual({});
    // An example whose value is not what the default writes for it: the default does not say how it is written.
    const loose: TemplateManifest = { ...workflows, examples: [...(workflows.examples ?? []), { name: 'Envoy', hasVendor: false, hasArm: false, label: 'Envoy proxy', install: 'Installing Envoy...', kind: 'amd64' }] };
    expect(paramsReadBack(loose, { name: 'CP2K', label: 'CP2K' }, read, render).values).toEqual({});
    expect(paramsReadBack(loose, { name: 'CP2K', install: 'Installing CP2K...' }, read, render).values).toEqual({ hasVendor: false, hasArm: false });
  });

  it('renderTemplate writes the other defaults from the param read back, and notes it', async () => {
    const template: Template = {
      manifest: responses,
      files: [{ path: 'lib/{{snakeCase plural}}_response.dart.hbs', content: "import '{{dataImport}}';\n{{data}}? data;\n" }],
    };
    const renderer = createRenderer();
    const got = await renderTemplate(renderer, template, { name: 'Comic', data: 'DataComic' });
    expect(got.files).toEqual([{ path: 'lib/comic_response.dart', content: "import 'data_comic.dart';\nDataComic? data;\n", template: 'lib/{{snakeCase plural}}_response.dart.hbs' }]);
    expect(got.notes).toEqual(['plural="Comic", as data="DataComic" spells it']);
    // A param read back takes no vote of the kind the values given say, nor a word in its note.
    const kinds: TemplateManifest = {
      name: 'pages',
      params: { name: { type: 'string', required: true }, method: { type: 'string', default: 'post' }, section: { type: 'string', default: 'Marvel' }, heading: { type: 'string', default: '# {{section}}' }, cached: { type: 'boolean', default: false } },
      examples: [
        { name: 'Hero', method: 'get', section: 'DC', heading: '# DC', cached: true },
        { name: 'Villain', method: 'get', section: 'DC', heading: '# DC', cached: true },
        { name: 'Team', method: 'post', section: 'Marvel', heading: '# Marvel', cached: false },
      ],
    };
    const page: Template = { manifest: kinds, files: [{ path: '{{name}}.md.hbs', content: '{{heading}} {{section}} {{cached}}\n' }] };
    const chosen = await renderTemplate(renderer, page, { name: 'Sidekick', method: 'get', heading: '# Image' });
    expect(chosen.files[0]?.content).toBe('# Image Image true\n');
    expect(chosen.notes).toEqual(['defaults as most of the 2 examples with method="get" have them: cached=true', 'section="Image", as heading="# Image" spells it']);
    // Without it, the plural is the name's.
    const plain = await renderTemplate(renderer, template, { name: 'Comic' });
    expect(plain.files[0]?.path).toBe('lib/comics_response.dart');
    expect(plain.notes).toEqual([]);
  });
});
