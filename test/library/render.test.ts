import { describe, expect, it } from 'vitest';
import { applyAffixes, readGiven } from '../../src/library/affixes.js';
import { renderTemplate, resolveParams } from '../../src/library/render.js';
import type { Template, TemplateManifest } from '../../src/library/template.js';
import { circularDefaults, inDependencyOrder } from '../../src/library/validate.js';
import { createRenderer } from '../../src/render/index.js';
import { rejection } from './helpers.js';

const renderer = createRenderer();

const manifest: TemplateManifest = {
  name: 'route',
  params: {
    name: { type: 'string', pattern: '^[a-z ]+$' },
    path: { type: 'string', default: '/{{kebabCase (pluralize name)}}', pattern: '^/[a-z-]+$' },
    port: { type: 'number', default: 3000 },
    tags: { type: 'string[]', default: ['a'] },
    verbose: { type: 'boolean', required: false },
  },
};


describe('resolveParams', () => {
  it('fills defaults, rendering templated ones with the other params, and copies the input', async () => {
    const given = { name: 'blog post' };
    const params = await resolveParams(renderer, manifest, given);
    expect(params).toEqual({ name: 'blog post', path: '/blog-posts', port: 3000, tags: ['a'] });
    expect(params.tags).not.toBe(manifest.params.tags?.default);
    expect(given).toEqual({ name: 'blog post' });
    expect(await resolveParams(renderer, manifest, { name: 'user', path: '/people', verbose: true })).toMatchObject({ path: '/people', verbose: true });
  });

  it('refuses unknown, missing, mistyped and non-matching params with the fix', async () => {
    const unknown = await rejection(() => resolveParams(renderer, manifest, { name: 'a', nmae: 'b' }));
    expect(unknown.code).toBe('E_TEMPLATE_PARAM');
    expect(unknown.message).toContain('there is no param "nmae". Did you mean "name"?');
    expect((await rejection(() => resolveParams(renderer, manifest, {}))).message).toContain('the param "name" is required');
    expect((await rejection(() => resolveParams(renderer, manifest, { name: 'a', port: '80' }))).message).toContain('the param "port" must be a number, got string "80"');
    expect((await rejection(() => resolveParams(renderer, manifest, { name: 'A1' }))).message).toContain('"A1", which does not match ^[a-z ]+$');
    // An empty value is said to be empty, not shown as a pair of quotes.
    expect((await rejection(() => resolveParams(renderer, manifest, { name: '' }))).message).toContain('the param "name" is empty, which does not match ^[a-z ]+$');
    // A templated default is checked against the pattern once rendered.
    const odd = { ...manifest, params: { ...manifest.params, path: { type: 'string' as const, default: '/{{name}}', pattern: '^/[a-z-]+$' } } };
    expect((await rejection(() => resolveParams(renderer, odd, { name: 'a b' }))).message).toContain('the param "path" is "/a b"');
  });
});

describe('params named like what every object has', () => {
  it('a param named constructor or toString is the given value or its default, never the prototype\'s function', async () => {
    const named: TemplateManifest = { name: 'named', params: { constructor: { type: 'string' as const, default: 'Builder' }, toString: { type: 'string' as const } } };
    expect(await resolveParams(renderer, named, { toString: 'text' })).toEqual({ constructor: 'Builder', toString: 'text' });
    expect((await rejection(() => resolveParams(renderer, named, {}))).message).toContain('the param "toString" is required');
  });
});

describe('a boolean default that follows another param', () => {
  it('renders to true or false, and refuses anything else naming the param', async () => {
    const linked: TemplateManifest = {
      name: 'linked',
      params: { namespaced: { type: 'boolean', default: true }, withGet: { type: 'boolean', default: '{{not namespaced}}' }, retries: { type: 'number', default: 3 }, withComma: { type: 'boolean', default: '{{eq retries 1}}' } },
    };
    expect(await resolveParams(renderer, linked, {})).toEqual({ namespaced: true, withGet: false, retries: 3, withComma: false });
    expect(await resolveParams(renderer, linked, { namespaced: false, retries: 1 })).toEqual({ namespaced: false, withGet: true, retries: 1, withComma: true });
    expect(await resolveParams(renderer, linked, { namespaced: false, withGet: false })).toMatchObject({ withGet: false });
    const broken: TemplateManifest = { name: 'broken', params: { flag: { type: 'boolean', default: '{{name}}' }, name: { type: 'string', default: 'x' } } };
    expect((await rejection(() => resolveParams(renderer, broken, {}))).message).toContain('the default of the boolean param "flag" renders to "x"');
  });
});

describe('templated defaults', () => {
  it('render in the order they use each other, whatever the order they are declared in', async () => {
    const manifest: TemplateManifest = {
      name: 'chain',
      params: {
        name: { type: 'string' },
        label: { type: 'string', default: '{{titleCase route}} page' },
        route: { type: 'string', default: '{{kebabCase (pluralize name)}}' },
      },
    };
    expect(await resolveParams(renderer, manifest, { name: 'OrderItem' })).toEqual({ name: 'OrderItem', route: 'order-items', label: 'Order Items page' });
    expect(await resolveParams(renderer, manifest, { name: 'OrderItem', route: 'basket' })).toEqual({ name: 'OrderItem', route: 'basket', label: 'Basket page' });
    expect(inDependencyOrder([{ name: 'a', source: '{{b}}' }, { name: 'b', source: '{{a}}' }]).map((entry) => entry.name)).toEqual(['a', 'b']);
    expect(inDependencyOrder([{ name: 'x', source: '{{y.z}} {{xy}}' }, { name: 'y', source: '{{name}}' }, { name: 'xy', source: '{{name}}' }]).map((entry) => entry.name)).toEqual(['y', 'xy', 'x']);
  });

  it('that read each other in a circle are refused, naming them, unless one of them is given', async () => {
    const manifest: TemplateManifest = {
      name: 'loop',
      params: {
        name: { type: 'string' },
        title: { type: 'string', default: '{{titleCase name}}' },
        folder: { type: 'string', default: '{{kebabCase route}}' },
        label: { type: 'string', default: '{{title}} ({{folder}})' },
        route: { type: 'string', default: '{{snakeCase folder}}' },
      },
    };
    const error = await rejection(() => resolveParams(renderer, manifest, { name: 'OrderItem' }));
    expect(error.code).toBe('E_TEMPLATE_PARAM');
    // The circle is folder and route; label only reads it, and title is no part of it.
    expect(error.message).toContain('the defaults of "folder" and "route" read each other in a circle');
    expect(error.message).toContain('Pass one of them (--set folder=…)');
    expect(await resolveParams(renderer, manifest, { name: 'OrderItem', route: 'order_lines' })).toEqual({
      name: 'OrderItem',
      title: 'Order Item',
      route: 'order_lines',
      folder: 'order-lines',
      label: 'Order Item (order-lines)',
    });
    // Defaults that mention each other only in branches not taken render (mined templates have such).
    const branches: TemplateManifest = {
      name: 'branches',
      params: {
        withData: { type: 'boolean', default: false },
        withLegend: { type: 'boolean', default: false },
        legend: { type: 'string', default: '{{#if withData}}{{data}}-legend{{else}}legend{{/if}}' },
        data: { type: 'string', default: '{{#if withLegend}}{{legend}}-data{{else}}data{{/if}}' },
      },
    };
    expect(await resolveParams(renderer, branches, {})).toEqual({ withData: false, withLegend: false, legend: 'legend', data: 'data' });
    expect((await rejection(() => resolveParams(renderer, branches, { withData: true, withLegend: true }))).message).toContain('the defaults of "legend" and "data" read each other in a circle');
    expect(circularDefaults([{ name: 'a', source: '{{b}}' }, { name: 'b', source: '{{c}}' }, { name: 'c', source: '{{name}}' }])).toBeUndefined();
    expect(circularDefaults([{ name: 'a', source: '{{a}}!' }])).toEqual(['a']);
  });
});

describe('affixes', () => {
  it('reads a name given with the words every member carries around it as the name itself', async () => {
    expect(applyAffixes('AppSidebar', { prefix: 'App' })).toBe('Sidebar');
    expect(applyAffixes('app-side-bar', { prefix: 'App' })).toBe('SideBar');
    expect(applyAffixes('useAuthSessionStore', { prefix: 'use', suffix: 'Store' })).toBe('AuthSession');
    expect(applyAffixes('AuthStore', { prefix: 'use', suffix: 'Store' })).toBe('Auth');
    expect(applyAffixes('useHTTPClientStore', { prefix: 'use', suffix: 'Store' })).toBe('HTTPClient');
    // Kept: no affix, an affix inside a word, or nothing left without it.
    expect(applyAffixes('Sidebar', { prefix: 'App' })).toBe('Sidebar');
    expect(applyAffixes('Application', { prefix: 'App' })).toBe('Application');
    expect(applyAffixes('App', { prefix: 'App' })).toBe('App');
    expect(applyAffixes('user card', undefined)).toBe('user card');
    // Kept: the words are part of every name, and a value lacking them gets them.
    expect(applyAffixes('Avatar', { suffix: 'Icon', keep: true })).toBe('AvatarIcon');
    expect(applyAffixes('avatar-icon', { suffix: 'Icon', keep: true })).toBe('avatar-icon');
    expect(applyAffixes('au', { prefix: 'en', keep: true })).toBe('EnAu');
    // But a part of a system of another kind than the members' keeps its own name: beside
    // `cart-service`, `order-service`, a gateway or a frontend is no service.
    expect(applyAffixes('Payment', { suffix: 'service', keep: true })).toBe('PaymentService');
    expect(applyAffixes('ApiGateway', { suffix: 'service', keep: true })).toBe('ApiGateway');
    expect(applyAffixes('web-frontend', { suffix: 'Service', keep: true })).toBe('web-frontend');
    // Only kinds of deployable: an icon set's `Server` is a `ServerIcon`.
    expect(applyAffixes('Server', { suffix: 'Icon', keep: true })).toBe('ServerIcon');
    // A value that writes the affix's first (last) words where it ends (starts) has them once.
    expect(applyAffixes('OrderService', { suffix: 'service postgres' })).toBe('Order');
    expect(applyAffixes('order-service-postgres', { suffix: 'service postgres' })).toBe('Order');
    expect(applyAffixes('AuthFoo', { prefix: 'use auth' })).toBe('Foo');
    expect(applyAffixes('Service', { suffix: 'service postgres' })).toBe('Service');
    expect(applyAffixes('OrderService', { suffix: 'service postgres', keep: true })).toBe('OrderServicePostgres');
    // A template writing a kind's suffix with kindSuffix (ownKinds): a value whose other words say
    // another kind than the members' is named with the suffix, which the template then leaves out.
    expect(applyAffixes('FrontendService', { suffix: 'service', ownKinds: [] })).toBe('FrontendService');
    expect(applyAffixes('FrontendService', { suffix: 'service', ownKinds: ['frontend'] })).toBe('Frontend');
    expect(applyAffixes('PaymentService', { suffix: 'service', ownKinds: [] })).toBe('Payment');
    expect(applyAffixes('FrontendService', { suffix: 'service' })).toBe('Frontend');
    const named: TemplateManifest = { name: 'app', params: { name: { type: 'string', affixes: { prefix: 'App' } }, title: { type: 'string', default: '{{titleCase name}}' } } };
    expect(await resolveParams(renderer, named, { name: 'AppUserMenu' })).toEqual({ name: 'UserMenu', title: 'User Menu' });
  });
});

describe('examples', () => {
  // Query hooks and mutation hooks: what a get hook imports and sets is what most get hooks do.
  const hooks: TemplateManifest = {
    name: 'hooks',
    params: {
      name: { type: 'string' },
      method: { type: 'string', default: 'post' },
      withQuery: { type: 'boolean', default: false },
      staleTime: { type: 'number', default: 0 },
      tags: { type: 'string[]', default: [] },
      route: { type: 'string', default: '/{{kebabCase name}}' },
    },
    examples: [
      { name: 'Users', method: 'get', withQuery: true, staleTime: 60, tags: ['list'], route: '/users' },
      { name: 'Orders', method: 'get', withQuery: true, staleTime: 60, tags: ['list'], route: '/orders' },
      { name: 'Carts', method: 'get', withQuery: true, staleTime: 30, route: '/carts' },
      { name: 'Login', method: 'post', route: '/login' },
      { name: 'Logout', method: 'post', route: '/logout' },
      { name: 'Signup', method: 'post', withQuery: true, route: '/signup' },
    ],
  };

  it('a param left out takes the value the examples sharing the given values mostly have', async () => {
    expect(await resolveParams(renderer, hooks, { name: 'Products', method: 'get' })).toEqual({
      name: 'Products',
      method: 'get',
      withQuery: true,
      staleTime: 60,
      tags: ['list'],
      route: '/products',
    });
    // Given values win, and the others still follow the kind.
    expect(await resolveParams(renderer, hooks, { name: 'Products', method: 'get', staleTime: 5 })).toMatchObject({ staleTime: 5, withQuery: true });
  });

  it('renderTemplate notes the defaults the examples chose, and nothing where they chose none', async () => {
    const template: Template = { manifest: hooks, files: [{ path: 'use{{name}}.ts.hbs', content: '{{method}} {{withQuery}} {{staleTime}}\n' }] };
    const got = await renderTemplate(renderer, template, { name: 'Products', method: 'get' });
    expect(got.files[0]?.content).toBe('get true 60\n');
    expect(got.notes).toEqual(['defaults as most of the 3 examples with method="get" have them: withQuery=true, staleTime=60, tags=["list"]']);
    expect((await renderTemplate(renderer, template, { name: 'Products', method: 'post' })).notes).toEqual([]);
  });

  it('keeps the defaults where nothing given says a kind, the kind is everyone, or its values tie', async () => {
    const defaults = { withQuery: false, staleTime: 0, tags: [], route: '/products' };
    // A name says one example, no kind; a value no two examples share says none either.
    expect(await resolveParams(renderer, hooks, { name: 'Users' })).toMatchObject({ ...defaults, route: '/users' });
    expect(await resolveParams(renderer, hooks, { name: 'Products', method: 'put' })).toMatchObject(defaults);
    // The post hooks mostly do without a query (the one that has one is outvoted), as the defaults say.
    expect(await resolveParams(renderer, hooks, { name: 'Products', method: 'post' })).toMatchObject(defaults);
    // Two get hooks and a tie: the default stands.
    const tied: TemplateManifest = { ...hooks, examples: hooks.examples?.filter((example) => example.name !== 'Orders') };
    expect(await resolveParams(renderer, tied, { name: 'Products', method: 'get' })).toMatchObject({ withQuery: true, staleTime: 0, tags: [] });
    // Every example shares the value given: the defaults already are that kind's.
    const allGet: TemplateManifest = { ...hooks, examples: hooks.examples?.map((example) => ({ ...example, method: 'get' })) };
    expect(await resolveParams(renderer, allGet, { name: 'Products', method: 'get' })).toMatchObject(defaults);
  });

  // Pinia stores: the document stores upload a file and filter by their parent, the others do not.
  const stores: TemplateManifest = {
    name: 'stores',
    params: {
      name: { type: 'string' },
      withUpload: { type: 'boolean', default: false },
      parentField: { type: 'string', default: 'id' },
      route: { type: 'string', default: '{{camelCase name}}' },
    },
    examples: [
      { name: 'Skills', route: 'skills' },
      { name: 'Tags', route: 'tags' },
      { name: 'Assets', route: 'assets' },
      { name: 'Attachments', route: 'attachments' },
      { name: 'AttachmentDocuments', withUpload: true, parentField: 'attachment_id', route: 'attachmentDocuments' },
      { name: 'DriverService', withUpload: true, route: 'driverService' },
    ],
  };

  it('a name ending as some examples do takes their values, one example being enough', async () => {
    // One document store: the member to copy, texts included.
    expect(await resolveParams(renderer, stores, { name: 'AssetDocuments' })).toEqual({ name: 'AssetDocuments', withUpload: true, parentField: 'attachment_id', route: 'assetDocuments' });
    // Two: what they agree on, texts included. Singular or plural, any case; a value given wins.
    const two: TemplateManifest = { ...stores, examples: [...(stores.examples ?? []), { name: 'UserDocuments', withUpload: true, parentField: 'attachment_id' }] };
    expect(await resolveParams(renderer, two, { name: 'asset-document' })).toMatchObject({ withUpload: true, parentField: 'attachment_id' });
    expect(await resolveParams(renderer, two, { name: 'AssetDocuments', parentField: 'asset_id' })).toMatchObject({ withUpload: true, parentField: 'asset_id' });
    const template: Template = { manifest: stores, files: [{ path: 'stores/{{camelCase name}}.ts.hbs', content: '{{withUpload}} {{parentField}}\n' }] };
    const got = await renderTemplate(renderer, template, { name: 'AssetDocuments' });
    expect(got.files[0]?.content).toBe('true attachment_id\n');
    expect(got.notes).toEqual(['defaults as the example with a name ending in "Documents" ("AttachmentDocuments") has them: withUpload=true, parentField="attachment_id"']);
    expect((await renderTemplate(renderer, { ...template, manifest: two }, { name: 'AssetDocuments' })).notes).toEqual([
      'defaults as most of the 2 examples with a name ending in "Documents" have them: withUpload=true, parentField="attachment_id"',
    ]);
  });

  it("a default written from the name gives way to a kind's own text, not to one that writes its name its own way", async () => {
    // Pinia stores: most import their resource type; the document stores import a toast instead.
    const imports: TemplateManifest = {
      name: 'stores',
      params: {
        name: { type: 'string' },
        plural: { type: 'string', default: '{{pascalCase (pluralize name)}}' },
        imported: { type: 'string', default: 'IResource{{pascalCase name}}' },
        from: { type: 'string', default: '@app-types/resources' },
        folder: { type: 'string', default: '{{kebabCase plural}}' },
        useQuery: { type: 'boolean', default: '{{eq from "@app-types/resources"}}' },
        banner: { type: 'string', default: '// from {{from}}' },
      },
      examples: [
        { name: 'Skill', plural: 'Skills', imported: 'IResourceSkill', from: '@app-types/resources', folder: 'skills', useQuery: true },
        { name: 'Tag', plural: 'Tags', imported: 'IResourceTag', from: '@app-types/resources', folder: 'tags', useQuery: true },
        // Its folder writes its name its own way: the default stands for that.
        { name: 'AttachmentDocument', plural: 'AttachmentDocuments', imported: 'useToast', from: 'vue-toastification', folder: 'attachment-docs', useQuery: false, banner: '// from vue-toastification' },
      ],
    };
    const template: Template = { manifest: imports, files: [{ path: '{{folder}}/{{camelCase plural}}.ts.hbs', content: 'import { {{imported}} } from "{{from}}";\n{{useQuery}}\n' }] };
    const got = await renderTemplate(renderer, template, { name: 'AssetDocument' });
    // The import whole, as the document store writes it, not its source beside the resource type.
    expect(got.files).toEqual([{ path: 'asset-documents/assetDocuments.ts', content: 'import { useToast } from "vue-toastification";\nfalse\n', template: '{{folder}}/{{camelCase plural}}.ts.hbs' }]);
    expect(got.notes).toEqual(['defaults as the example with a name ending in "Document" ("AttachmentDocument") has them: imported="useToast", from="vue-toastification"']);
    // An example that writes the default's text is no evidence against it.
    const following: TemplateManifest = { ...imports, examples: imports.examples?.map((example) => (example.name === 'AttachmentDocument' ? { ...example, imported: 'IResourceAttachmentDocument' } : example)) };
    expect(await resolveParams(renderer, following, { name: 'AssetDocument' })).toMatchObject({ imported: 'IResourceAssetDocument', from: 'vue-toastification' });
  });

  it("an example's text holding its own name names the new instance: kubb's path params type", async () => {
    const hooks: TemplateManifest = {
      name: 'hooks',
      params: { name: { type: 'string' }, pathParams: { type: 'string', default: 'never' }, keys: { type: 'string[]', default: [] } },
      examples: [
        { name: 'FindPetsByStatus' },
        { name: 'GetInventory' },
        { name: 'GetPetById', pathParams: 'GetPetByIdPathParams', keys: ['get-pet-by-id', 'GET_PET_BY_ID_KEY', 'getPetByIdentity'] },
        { name: 'FindUserById', pathParams: 'FindUserByIdPathParams', keys: ['find-user-by-id'] },
      ],
    };
    // Both examples ending in "Id" write their own name: written anew, they agree.
    expect(await resolveParams(renderer, hooks, { name: 'GetOrderById' })).toMatchObject({ pathParams: 'GetOrderByIdPathParams' });
    const one: TemplateManifest = { ...hooks, examples: hooks.examples?.filter((example) => example.name !== 'FindUserById') };
    // In every case it is written in, as a whole word only (`getPetByIdentity` is another word).
    expect(await resolveParams(renderer, one, { name: 'get order by id' })).toMatchObject({
      pathParams: 'GetOrderByIdPathParams',
      keys: ['get-order-by-id', 'GET_ORDER_BY_ID_KEY', 'getPetByIdentity'],
    });
  });

  it('a flag given that one example shares says its kind, which lends its flags only', async () => {
    const flagged: TemplateManifest = {
      name: 'slices',
      params: { name: { type: 'string' }, withMock: { type: 'boolean', default: true }, withPaging: { type: 'boolean', default: false }, api: { type: 'string', default: 'mockApi' } },
      examples: [
        { name: 'Carts', withMock: true, api: 'mockApi' },
        { name: 'Orders', withMock: true, api: 'mockApi' },
        { name: 'Clients', withMock: false, withPaging: true, api: 'clientsApi' },
      ],
    };
    expect(await resolveParams(renderer, flagged, { name: 'Users', withMock: false })).toEqual({ name: 'Users', withMock: false, withPaging: true, api: 'mockApi' });
    const template: Template = { manifest: flagged, files: [{ path: '{{name}}.ts.hbs', content: '{{withPaging}}\n' }] };
    expect((await renderTemplate(renderer, template, { name: 'Users', withMock: false })).notes).toEqual(['defaults as the example with withMock=false ("Clients") has them: withPaging=true']);
    // A text one example shares is chance, and says no kind.
    expect(await resolveParams(renderer, flagged, { name: 'Users', api: 'clientsApi' })).toMatchObject({ withMock: true, withPaging: false });
    // A name ending only as a one-word example does says nothing, and leaves the flag to say the kind.
    expect(await resolveParams(renderer, flagged, { name: 'ArchivedClients', withMock: false })).toMatchObject({ withPaging: true });
  });

  it('keeps the defaults for a name no example ends as, one every example ends as, an example itself, or a kind of deployable', async () => {
    const defaults = { withUpload: false, parentField: 'id' };
    expect(await resolveParams(renderer, stores, { name: 'Invoices' })).toMatchObject(defaults);
    // An example's own name says that one example, no kind (the defaults stand, as for any name).
    expect(await resolveParams(renderer, stores, { name: 'AttachmentDocuments' })).toMatchObject(defaults);
    // `service` is what the parts of a system are, not which kind of them.
    expect(await resolveParams(renderer, stores, { name: 'BillingService' })).toMatchObject(defaults);
    const allDocuments: TemplateManifest = { ...stores, examples: stores.examples?.map((example) => ({ ...example, name: `${String(example.name)}Documents` })) };
    expect(await resolveParams(renderer, allDocuments, { name: 'AssetDocuments' })).toMatchObject(defaults);
    // An example named by the word alone is the general thing, none of the kind (`Button` beside `IconButton`).
    const general: TemplateManifest = { ...stores, examples: stores.examples?.map((example) => (example.name === 'AttachmentDocuments' ? { ...example, name: 'Documents' } : example)) };
    expect(await resolveParams(renderer, general, { name: 'AssetDocuments' })).toMatchObject(defaults);
    // A param with a default is no name: its last word says no kind.
    expect(await resolveParams(renderer, stores, { name: 'Invoices', route: 'legacyDocuments' })).toMatchObject(defaults);
  });
});

describe('case', () => {
  it('reads a value given in any case in PascalCase, keeping the acronyms it is written with', async () => {
    const pascal = { case: 'pascal' } as const;
    const read: Array<[string, string]> = [
      ['GetOrderByID', 'GetOrderByID'],
      ['getOrderByID', 'GetOrderByID'],
      ['get-order-by-id', 'GetOrderById'],
      ['get order by ID', 'GetOrderByID'],
      ['USER_CARD', 'UserCard'],
      ['CP2K', 'CP2K'],
    ];
    for (const [given, pascalRead] of read) expect(readGiven(given, pascal)).toBe(pascalRead);
    expect(readGiven('get-order-by-id', {})).toBe('get-order-by-id');
    // Before the affixes and the number.
    expect(readGiven('get-orders-handler', { ...pascal, number: 'singular', affixes: { suffix: 'Handler' } })).toBe('GetOrder');
    const template: Template = {
      manifest: { name: 'handlers', params: { name: { type: 'string', case: 'pascal' } } },
      files: [{ path: '{{lowerFirst name}}.go.hbs', content: 'type {{lowerFirst name}}Handler struct{}\n\nfunc New{{name}}Handler() *{{lowerFirst name}}Handler {\n\treturn &{{lowerFirst name}}Handler{}\n}\n' }],
    };
    expect((await renderTemplate(renderer, template, { name: 'get_order_by_ID' })).files).toEqual([
      expect.objectContaining({ path: 'getOrderByID.go', content: 'type getOrderByIDHandler struct{}\n\nfunc NewGetOrderByIDHandler() *getOrderByIDHandler {\n\treturn &getOrderByIDHandler{}\n}\n' }),
    ]);
  });
});

describe('number', () => {
  it('reads a plural given for a param that names one thing as its singular, after the affixes', async () => {
    const one = { number: 'singular' } as const;
    expect(readGiven('Users', one)).toBe('User');
    expect(readGiven('LichEphemeras', one)).toBe('LichEphemera');
    expect(readGiven('order-items', one)).toBe('order-item');
    expect(readGiven('LocationsGet200Response', { ...one, affixes: { suffix: 'Get200 Response' } })).toBe('Location');
    // Kept: a singular, a word that is both, and any value of a param without it.
    for (const given of ['User', 'Status', 'Series', 'Address', 'News']) expect(readGiven(given, one)).toBe(given);
    expect(readGiven('Users', {})).toBe('Users');
    // The template's own plurals count.
    expect(readGiven('Fornecedores', one, { fornecedor: 'fornecedores' })).toBe('Fornecedor');
    const manifest: TemplateManifest = { name: 'routes', params: { name: { type: 'string', number: 'singular' }, route: { type: 'string', default: '/{{kebabCase (pluralize name)}}' } } };
    expect(await resolveParams(renderer, manifest, { name: 'OrderItems' })).toEqual({ name: 'OrderItem', route: '/order-items' });
  });

  it('gives a default that asks for it the names in the number they were given in', async () => {
    const manifest: TemplateManifest = {
      name: 'routers',
      params: {
        name: { type: 'string', number: 'singular', affixes: { suffix: 'Router' } },
        file: { type: 'string', default: '{{snakeCase name}}', numberAsGiven: true },
        model: { type: 'string', default: '{{pascalCase name}}' },
      },
    };
    expect(await resolveParams(renderer, manifest, { name: 'PurchaseOrdersRouter' })).toEqual({ name: 'PurchaseOrder', file: 'purchase_orders', model: 'PurchaseOrder' });
    expect(await resolveParams(renderer, manifest, { name: 'Stock' })).toEqual({ name: 'Stock', file: 'stock', model: 'Stock' });
    const template: Template = { manifest, files: [{ path: 'app/routers/{{file}}.py.hbs', content: 'from app.models import {{model}}\n' }] };
    expect((await renderTemplate(renderer, template, { name: 'Products' })).files).toEqual([expect.objectContaining({ path: 'app/routers/products.py', content: 'from app.models import Product\n' })]);
  });
});

describe('renderTemplate', () => {
  const template: Template = {
    manifest: { name: 'card', params: { name: { type: 'string' }, withStyles: { type: 'boolean', default: false } } },
    files: [
      { path: '{{kebabCase name}}.ts.hbs', content: 'export const {{camelCase name}} = 1;\n' },
      { path: '{{kebabCase name}}.css.hbs', content: '{{#if withStyles}}\n.{{kebabCase name}} {}\n{{/if}}\n' },
      { path: '.gitkeep', content: '' },
      { path: 'run.sh', content: '#!/bin/sh\n', mode: 0o755 },
    ],
  };

  it('skips a file whose content renders to nothing, and writes one that is empty in the template', async () => {
    const plain = await renderTemplate(renderer, template, { name: 'User Card' });
    expect(plain.files.map(({ path, content, mode }) => ({ path, content, mode }))).toEqual([
      { path: 'user-card.ts', content: 'export const userCard = 1;\n', mode: undefined },
      { path: '.gitkeep', content: '', mode: undefined },
      { path: 'run.sh', content: '#!/bin/sh\n', mode: 0o755 },
    ]);
    expect(plain.skipped).toEqual(['{{kebabCase name}}.css.hbs']);
    const styled = await renderTemplate(renderer, template, { name: 'User Card', withStyles: true });
    expect(styled.files.map((file) => file.path)).toContain('user-card.css');
    expect(styled.skipped).toEqual([]);
  });

  it('refuses two files rendering to one path', async () => {
    const clash: Template = { manifest: { name: 'x', params: { a: { type: 'string' } } }, files: [{ path: '{{a}}.ts', content: '1' }, { path: 'b.ts', content: '2' }] };
    expect((await rejection(() => renderTemplate(renderer, clash, { a: 'b' }))).code).toBe('E_PATH_COLLISION');
  });
});

describe('a template that says how its files are formatted', () => {
  const selector = (name: string) => `export const ${name}Selector = createSelector({ key: '${name}Selector', get: ({ get }) => get(${name}PermissionsState) });\n`;
  const template: Template = {
    manifest: { name: 'selector', params: { name: { type: 'string' } }, format: { prettier: { singleQuote: true, printWidth: 80 } } },
    files: [
      { path: '{{camelCase name}}.ts.hbs', content: selector('{{camelCase name}}') },
      { path: '{{camelCase name}}.go.hbs', content: 'package {{camelCase name}}\n' },
    ],
  };

  it('formats what prettier parses with exactly its options, even with formatting off, and leaves the rest', async () => {
    const short = await renderTemplate(renderer, template, { name: 'note' });
    expect(short.files.find((file) => file.path === 'note.ts')?.content).toBe(
      "export const noteSelector = createSelector({\n  key: 'noteSelector',\n  get: ({ get }) => get(notePermissionsState),\n});\n",
    );
    expect(short.files.find((file) => file.path === 'note.go')?.content).toBe('package note\n');
    expect(short.warnings).toEqual([]);
  });

  it('writes a file prettier cannot parse as rendered, with a warning naming it', async () => {
    const broken: Template = { ...template, files: [{ path: '{{name}}.ts.hbs', content: 'export const = ;\n' }] };
    const result = await renderTemplate(renderer, broken, { name: 'x' });
    expect(result.files[0]?.content).toBe('export const = ;\n');
    expect(result.warnings.join('\n')).toMatch(/^x\.ts is written unformatted: prettier could not parse it/);
  });

  it('warns of a given value that ends the string it is written in, by the file it renders to', async () => {
    const titled: Template = { manifest: { name: 'card', params: { name: { type: 'string' }, title: { type: 'string', default: 'Card' } } }, files: [{ path: 'src/{{kebabCase name}}.ts.hbs', content: "export const title = '{{title}}';\n" }] };
    const result = await renderTemplate(renderer, titled, { name: 'Note', title: "It's open" });
    expect(result.files[0]?.content).toBe("export const title = 'It's open';\n");
    expect(result.warnings).toEqual([
      'src/note.ts, line 1 of its template: the value of title, "It\'s open", holds \', which ends the \'…\' string it is written in. Escape it as the file\'s language does (\\\' in JavaScript), or pass a value without it.',
    ]);
    // A default is the template's own: no warning.
    expect((await renderTemplate(renderer, { ...titled, manifest: { ...titled.manifest, params: { ...titled.manifest.params, title: { type: 'string', default: "It's" } } } }, { name: 'Note' })).warnings).toEqual([]);
  });
});
