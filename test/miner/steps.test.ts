/**
 * The miner step by step: grouping, names, case variants, tokenizers, alignment, escaping, scoring.
 */
import { describe, expect, test } from 'vitest';
import type { Template } from '../../src/library/template.js';
import { createRenderer } from '../../src/render/index.js';
import { emit, escapeText, type Piece } from '../../src/miner/emit.js';
import { companionSuffixes, groupMembers, stemOf, uniformGluedSuffixes } from '../../src/miner/group.js';
import { matchKey } from '../../src/miner/line-shapes.js';
import { balancedDefaults } from '../../src/miner/balanced-defaults.js';
import type { Built, FlagParam, MinedMember, ValueParam } from '../../src/miner/ir.js';
import { ownNumberValues } from '../../src/miner/given-number.js';
import { linkFlags } from '../../src/miner/link-flags.js';
import { withInitialisms } from '../../src/miner/initialisms.js';
import { lcsPairs } from '../../src/miner/lcs.js';
import { detectNames } from '../../src/miner/names.js';
import { declaredHint, placeHint, typeHint } from '../../src/miner/context-hints.js';
import { compareFiles, lineEditDistance, renameCopy } from '../../src/miner/score.js';
import { closesAs, illFormedNewMember, parsesAs, syntaxErrors } from '../../src/miner/well-formed.js';
import { scanCodeRegions, scanErbRegions, scanRegions, splitLines, tokenize, type Token } from '../../src/miner/tokenize.js';
import { chooseForm, renameText } from '../../src/miner/forms.js';
import { sliceForm } from '../../src/miner/name-literals.js';
import { casedValueParams, followedValueParams } from '../../src/miner/same-values.js';
import { withListWrappers } from '../../src/miner/list-wrappers.js';
import { importRuns, markSortedRuns, sortedKeys, writeSortBlocks } from '../../src/miner/sorted-runs.js';
import { hasVaryingUnderlines, markUnderlines, writeUnderlines } from '../../src/miner/underlines.js';
import { findOccurrences, formExpression, gluedSuffixes, nameVariants, spell } from '../../src/miner/variants.js';

const file = (path: string, content = '') => ({ path, content });
const keysOf = (grouping: ReturnType<typeof groupMembers>) => grouping.members.map((member) => [member.label, member.files.map((f) => f.path)]);

describe('grouping', () => {
  test('files side by side group by stem (React, Go _test, Angular)', () => {
    expect(stemOf('src/Foo.module.css')).toBe('Foo');
    expect(stemOf('internal/order_item_test.go')).toBe('order_item');
    expect(stemOf('a/x.component.spec.ts')).toBe('x');
    const grouping = groupMembers([file('w/Foo.tsx'), file('w/Foo.test.tsx'), file('w/Foo.module.css'), file('w/Bar.tsx'), file('w/Bar.module.css')], 'auto');
    expect(grouping.unit).toBe('file');
    expect(keysOf(grouping)).toEqual([
      ['Bar', ['w/Bar.module.css', 'w/Bar.tsx']],
      ['Foo', ['w/Foo.module.css', 'w/Foo.test.tsx', 'w/Foo.tsx']],
    ]);
    const go = groupMembers([file('h/order_item.go'), file('h/order_item_test.go'), file('h/user.go'), file('h/user_test.go')], 'auto');
    expect(keysOf(go)).toEqual([
      ['order_item', ['h/order_item.go', 'h/order_item_test.go']],
      ['user', ['h/user.go', 'h/user_test.go']],
    ]);
  });

  test('a suffix files add to stems beside them, or to stems that take other suffixes, marks companions', () => {
    const ops = ['delete_account', 'get_role_list', 'change_password'].flatMap((op) => ['', '_parameters', '_responses'].map((suffix) => file(`ops/${op}${suffix}.go`)));
    expect(keysOf(groupMembers(ops, 'auto'))).toEqual(
      ['change_password', 'delete_account', 'get_role_list'].map((op) => [op, [`ops/${op}.go`, `ops/${op}_parameters.go`, `ops/${op}_responses.go`]]),
    );
    expect(companionSuffixes(['ops/a', 'ops/a_parameters', 'ops/b', 'ops/b_parameters', 'ops/b_parameters_v2'])).toEqual(['_parameters']);
    // Without a bare stem: suffixes that stems take two or more of (go-swagger clients); companion
    // words glued to PascalCase stems (JHipster's XAsserts, XTest, XTestSamples).
    const client = ['cash', 'dig', 'explore_area'].flatMap((op) => ['_parameters', '_responses'].map((suffix) => file(`c/${op}${suffix}.go`)));
    expect(keysOf(groupMembers([...client, file('c/health_check_responses.go')], 'auto')).map(([key]) => key)).toEqual(['cash', 'dig', 'explore_area', 'health_check']);
    const tests = ['Authority', 'TestReport'].flatMap((entity) => ['Asserts', 'Test', 'TestSamples'].map((suffix) => file(`d/${entity}${suffix}.java`)));
    expect(keysOf(groupMembers(tests, 'auto'))).toEqual(['Authority', 'TestReport'].map((entity) => [entity, ['Asserts', 'Test', 'TestSamples'].map((suffix) => `d/${entity}${suffix}.java`)]));
    // Stems that share a last word keep it (`delete_account`, not `delete` with an `_account`
    // companion): the word every suffix of `delete` starts with makes a stem standing alone.
    const accountOps = ['change_password', 'delete_account', 'list_authorized_account', 'get_role_list'].flatMap((op) =>
      ['', '_parameters', '_responses'].map((suffix) => file(`ops/${op}${suffix}.go`)),
    );
    expect(keysOf(groupMembers(accountOps, 'auto')).map(([key]) => key)).toEqual(['change_password', 'delete_account', 'get_role_list', 'list_authorized_account']);
    // Files extending stems that are as alike as members are (cobra commands and subcommands:
    // `db_create_user.go` beside `db_create.go`) are members of their own; companions of another
    // kind (parameters beside operations) stay with their member.
    const command = (use: string) => `package cmd\n\nimport (\n\t"fmt"\n\n\t"github.com/spf13/cobra"\n)\n\nvar cmd = &cobra.Command{\n\tUse: "${use}",\n\tRun: func(cmd *cobra.Command, args []string) {\n\t\tfmt.Println("${use} called")\n\t},\n}\n`;
    const commands = ['db_backup', 'db_create', 'db_create_user', 'db_create_schema', 'db_delete', 'db_delete_user', 'db_delete_schema'].map((stem) => file(`cmd/${stem}.go`, command(stem)));
    const asMembers = groupMembers(commands, 'auto');
    expect(keysOf(asMembers).map(([key]) => key)).toEqual(['db_backup', 'db_create', 'db_create_schema', 'db_create_user', 'db_delete', 'db_delete_schema', 'db_delete_user']);
    expect(asMembers.why).toMatch(/members of their own/);
    const params = (op: string) => `package ops\n\ntype ${op}Params struct {\n\tHTTPRequest *http.Request\n}\n\nfunc New${op}Params() ${op}Params {\n\treturn ${op}Params{}\n}\n`;
    const operation = (op: string) => `package ops\n\nfunc ${op}(w http.ResponseWriter, r *http.Request) {\n\tctx := r.Context()\n\tserve(ctx, w)\n}\n`;
    const withContent = ['get_user', 'get_order', 'get_item'].flatMap((op) => [file(`ops/${op}.go`, operation(op)), file(`ops/${op}_parameters.go`, params(op))]);
    expect(keysOf(groupMembers(withContent, 'auto')).map(([key]) => key)).toEqual(['get_item', 'get_order', 'get_user']);
    // A PascalCase word every member is extended by, however alike the files (openapi-generator's
    // `XGet200Response` with `XGet200ResponsePayload`), is a companion's; a word only some take is
    // part of names of their own (`ChevronUp` beside `Chevron`).
    const model = (type: string) => `package org.openapitools.client.models\n\ndata class ${type} (\n    val payload: ${type}Payload? = null\n)\n`;
    const responses = ['Locations', 'Missions', 'Npc'].flatMap((entity) => [`${entity}Get200Response`, `${entity}Get200ResponsePayload`].map((type) => file(`m/${type}.kt`, model(type))));
    const uniform = groupMembers(responses, 'auto');
    expect(keysOf(uniform)).toEqual(['Locations', 'Missions', 'Npc'].map((entity) => [`${entity}Get200Response`, [`m/${entity}Get200Response.kt`, `m/${entity}Get200ResponsePayload.kt`]]));
    expect(uniformGluedSuffixes(['i/Chevron', 'i/ChevronUp', 'i/Clock', 'i/Close'])).toEqual([]);
    expect(uniformGluedSuffixes(['i/Add', 'i/AddCircle', 'i/Remove', 'i/RemoveCircle'])).toEqual([]);
    // One stem extended by another is two members (`user` and `user_list`), not a companion.
    expect(keysOf(groupMembers([file('h/user.go'), file('h/user_list.go'), file('h/order.go'), file('h/product.go')], 'auto')).map(([key]) => key)).toEqual(['order', 'product', 'user', 'user_list']);
  });

  test('per-member folders, nested folders included; auto picks folder when files are in different folders', () => {
    const grouping = groupMembers(
      [file('src/c/UserCard/index.vue'), file('src/c/UserCard/style/index.scss'), file('src/c/PriceTag/index.vue'), file('src/c/PriceTag/style/a/b.scss')],
      'auto',
    );
    expect(grouping.unit).toBe('folder');
    expect(keysOf(grouping)).toEqual([
      ['PriceTag', ['src/c/PriceTag/index.vue', 'src/c/PriceTag/style/a/b.scss']],
      ['UserCard', ['src/c/UserCard/index.vue', 'src/c/UserCard/style/index.scss']],
    ]);
  });

  test('member folders below folders of kinds: the level named as the files in it', () => {
    const grouping = groupMembers(
      [
        file('src/app/components/footer/footer.component.ts'),
        file('src/app/components/footer/footer.component.html'),
        file('src/app/components/header/header.component.ts'),
        file('src/app/views/home/home.component.ts'),
        file('src/app/views/home/styles/home.css'),
      ],
      'auto',
    );
    expect(grouping.unit).toBe('folder');
    expect(grouping.why).toMatch(/2 levels down/);
    expect(keysOf(grouping)).toEqual([
      ['footer', ['src/app/components/footer/footer.component.html', 'src/app/components/footer/footer.component.ts']],
      ['header', ['src/app/components/header/header.component.ts']],
      ['home', ['src/app/views/home/home.component.ts', 'src/app/views/home/styles/home.css']],
    ]);
    // A first level named as its files is the member level, whatever lies deeper.
    const shallow = groupMembers([file('src/users/users.module.ts'), file('src/users/dto/create-user.dto.ts'), file('src/orders/orders.module.ts')], 'auto');
    expect(keysOf(shallow).map(([key]) => key)).toEqual(['orders', 'users']);
  });

  test('one member folder is the folder all files share', () => {
    const grouping = groupMembers([file('src/c/UserCard/index.vue'), file('src/c/UserCard/style/index.scss')], 'folder');
    expect(keysOf(grouping)).toEqual([['UserCard', ['src/c/UserCard/index.vue', 'src/c/UserCard/style/index.scss']]]);
  });
});

describe('entity names', () => {
  const detect = (labels: string[], contents: string[]) => detectNames(labels, contents.map((content) => [content]));

  test('shared affixes are learned and stripped (use…Store, …Slice, sub…)', () => {
    expect(detect(['useCartStore', 'useAuthSessionStore'], ['CartState clearCart CART_KEY', 'AuthSessionState clearAuthSession']).names).toEqual(['Cart', 'AuthSession']);
    expect(detect(['cartSlice', 'orderItemSlice'], ['cartAdded selectCarts', 'orderItemAdded ORDER_ITEM_SLICE']).names).toEqual(['Cart', 'OrderItem']);
    expect(detect(['subDays', 'subWeeks'], ['subDays days Day', 'subWeeks weeks Week']).names).toEqual(['Day', 'Week']);
  });

  test('a plural stands alone in its singular: PermissionsApiController holding Permission is a Permission', () => {
    const result = detect(['PermissionsApiController', 'RolesApiController', 'TeamApiController'], ['use App\\Permission; PermissionResource', 'use App\\Role; RoleResource', 'use App\\Team; TeamResource']);
    expect(result.names).toEqual(['Permission', 'Role', 'Team']);
    expect(result.why).toContain('stripped the suffix "Api Controller"');
  });

  test('a shared plural word is kept when the rest occurs only in the singular whole (news_items holding NewsItem)', () => {
    const result = detect(['discourse_news_items', 'github_news_items', 'news_items'], ['DiscourseNewsItem.create!', 'GithubNewsItem.create!', 'NewsItem.create!']);
    expect(result.names).toEqual(['DiscourseNewsItem', 'GithubNewsItem', 'NewsItem']);
    // NewsItem is the words every name ends with, whole: the others are kinds of it, and those
    // words are no suffix a given name gets (a `Blurb` is a `Blurb`, not a `BlurbItem`).
    expect(result.affixes).toBeUndefined();
    // Without it, the shared words are kept, singular as the names are: a given `Hacker` is a
    // `HackerNewsItem`, not a `HackerNewsItems`.
    const kinds = detect(['discourse_news_items', 'github_news_items', 'reddit_news_items'], ['DiscourseNewsItem.create!', 'GithubNewsItem.create!', 'RedditNewsItem.create!']);
    expect(kinds.names).toEqual(['DiscourseNewsItem', 'GithubNewsItem', 'RedditNewsItem']);
    expect(kinds.affixes).toEqual({ suffix: 'news item', keep: true });
  });

  test('labels written as one word keep the words they share (chatairun/ holds ChatAiRun, not AiRun)', () => {
    const contents = ['ChatAiRun aiRunStatusId AiRun', 'ChatAiRunMetric AiRunMetric', 'ChatConversation conversationId Conversation'];
    const flat = detect(['chatairun', 'chatairunmetric', 'chatconversation'], contents);
    expect(flat.names).toEqual(['ChatAiRun', 'ChatAiRunMetric', 'ChatConversation']);
    expect(flat.why).toContain('kept the prefix "Chat" every label shares (labels written as one word spell it glued to the rest)');
    // Labels that separate their words can be read without them.
    expect(detect(['chat-ai-run', 'chat-ai-run-metric', 'chat-conversation'], contents).names).toEqual(['AiRun', 'AiRunMetric', 'Conversation']);
  });

  test('a shared word that never occurs alone is kept (UserCard / UserList)', () => {
    expect(detect(['UserCard', 'UserList'], ['UserCard UserCardProps', 'UserList UserListProps']).names).toEqual(['UserCard', 'UserList']);
  });

  test('plural folders name singular entities (companies → Company, people → Person)', () => {
    const result = detect(['companies', 'people', 'shipping_addresses'], ['Company', 'Person', 'ShippingAddress']);
    expect(result.names).toEqual(['Company', 'Person', 'ShippingAddress']);
    expect(result.why).toContain('singularized');
  });

  test('plural phrases no member writes in the singular are names in their own right (no-file-name-consecutive-dashes)', () => {
    const labels = ['no-file-name-articles', 'no-file-name-consecutive-dashes', 'no-file-name-outer-dashes'];
    const result = detect(labels, ['contain articles "article"', 'contain consecutive dashes "dash"', 'start with outer dashes "dash"']);
    expect(result.names).toEqual(['Articles', 'ConsecutiveDashes', 'OuterDashes']);
    // One-word plural labels are collections of their entity, written in the singular or not.
    expect(detect(['statuses', 'tickets', 'comments'], ["'statuses'", "'tickets' 'ticket_id'", "'comments'"]).names).toEqual(['Status', 'Ticket', 'Comment']);
  });

  test('verb-noun names whose plural is part of the name stay as they are', () => {
    expect(detect(['add-user', 'list-projects'], ['addUser', 'listProjects']).names).toEqual(['AddUser', 'ListProjects']);
  });

  test('a name found only in its path is a warning', () => {
    expect(detect(['user', 'product'], ['nothing here', 'product, product']).warnings).toEqual(['the name "User" of member "user" occurs only in its path']);
  });

  test('names found only in their paths are one warning, the first few named', () => {
    const labels = ['de', 'en', 'es', 'fr', 'it', 'pt', 'ru'];
    const { warnings } = detect(labels, labels.map(() => 'export default { weekdays: [] };'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe('the names of 7 of 7 members occur only in their paths: "De" of member "de", "En" of member "en", "Es" of member "es", "Fr" of member "fr", "It" of member "it" and 2 more');
  });
});

describe('case variants', () => {
  test('every case of the name and of its plural', () => {
    const texts = nameVariants('OrderItem').map((variant) => variant.text);
    for (const text of ['OrderItem', 'orderItem', 'order-item', 'order_item', 'ORDER_ITEM', 'order item', 'Order Item', 'Order item', 'orderitem', 'ORDERITEM']) {
      expect(texts).toContain(text);
    }
    for (const text of ['OrderItems', 'orderItems', 'order-items', 'ORDER_ITEMS', 'order items']) expect(texts).toContain(text);
    expect(spell('Person', { helper: 'kebabCase', plural: true })).toBe('people');
    expect(spell('Company', { helper: 'snakeCase', plural: true })).toBe('companies');
  });

  test('a spelling both singular and plural give is kept as singular', () => {
    const variant = nameVariants('ListProjects').find((v) => v.text === 'list-projects');
    expect(variant?.forms.every((form) => !form.plural)).toBe(true);
  });

  test('a lower-case name glued to a word two members glue to theirs', () => {
    const glued = gluedSuffixes([
      { name: 'Catalog', texts: ['url: /catalogdb catalogue'] },
      { name: 'Order', texts: ['url: /ordersdb ordered orderdb'] },
      { name: 'User', texts: ['url: /usersql'] },
    ]);
    // `ue` and `sql` are one member's; `ed` is an English ending.
    expect([...glued]).toEqual(['db']);
    const found = findOccurrences('ordersdb orderdb orderdbs reorderdb Orderdb', nameVariants('Order'), glued);
    expect(found.map((o) => o.text)).toEqual(['orders', 'order']);
    expect(found.every((o) => o.forms.every((form) => form.helper === 'lowerCase'))).toBe(true);
    // Without the glued words, none of them is the name.
    expect(findOccurrences('ordersdb orderdb', nameVariants('Order'))).toEqual([]);
  });

  test('occurrences embedded in longer identifiers, on word boundaries only', () => {
    const found = (name: string, text: string) => findOccurrences(text, nameVariants(name)).map((o) => o.text);
    expect(found('UserCard', 'UserCardProps useUserCard fetchUserCards USER_CARD_QUERY user-card__title')).toEqual([
      'UserCard',
      'UserCard',
      'UserCards',
      'USER_CARD',
      'user-card',
    ]);
    expect(found('Day', 'subDays today Days holiday days')).toEqual(['Days', 'Days', 'days']);
    // A number ending the identifier numbers the name (`user2`); one running on into letters does not.
    expect(found('User', 'users superuser Users user2 user_id user2fa')).toEqual(['users', 'Users', 'user', 'user']);
    expect(found('Base32', 'base32 base64')).toEqual(['base32']);
    // A dotted spelling that runs on into an identifier is a property access, not the name.
    expect(found('UserAvatar', "user.avatarUrl t('user.avatar.title')")).toEqual(['user.avatar']);
    // A capitalized name starts after an acronym (getALLDistrict, XMLDistrict) and after a
    // one-letter prefix starting the identifier (IDistrict, TDistrictProps); not after one capital
    // inside a word or a digit (getADistrict, V2District are other words).
    expect(found('District', 'getALLDistrict XMLDistrictParser getADistrict V2District IDistrict TDistrictProps')).toEqual(['District', 'District', 'District', 'District']);
  });

  test('forms are chosen by context when a one-word name fits several', () => {
    const forms = nameVariants('Cart').find((v) => v.text === 'cart')?.forms ?? [];
    expect(chooseForm(forms, '/', '-', false).helper).toBe('kebabCase');
    expect(chooseForm(forms, '_', '_', false).helper).toBe('snakeCase');
    expect(chooseForm(forms, ' ', ' ', true).helper).toBe('noCase');
    expect(chooseForm(forms, ' ', '.', false).helper).toBe('camelCase');
    expect(chooseForm(forms, '/', '.', false, true).helper).toBe('snakeCase');
    // A folder in the path of a Python or Go file is a package: snake_case, never kebab-case.
    expect(chooseForm(forms, '/', '/', false, true).helper).toBe('snakeCase');
    expect(chooseForm(forms, '/', '/', false).helper).toBe('kebabCase');
    // Python code writes identifiers in snake_case; a message starts with a capital, then words.
    expect(chooseForm(forms, ' ', ' ', false, false, { snakeCode: true }).helper).toBe('snakeCase');
    expect(chooseForm(forms, ' ', '.', false).helper).toBe('camelCase');
    const capitalized = nameVariants('Cart').find((v) => v.text === 'Cart')?.forms ?? [];
    expect(chooseForm(capitalized, '"', ' ', true, false, { next: 'n' }).helper).toBe('sentenceCase');
    expect(chooseForm(capitalized, ' ', ' ', true, false, { next: 'n' }).helper).toBe('titleCase');
    expect(chooseForm(capitalized, '"', '"', true).helper).toBe('pascalCase');
    expect(chooseForm(capitalized, '>', '<', true).helper).toBe('titleCase');
    // In a string, after a word in lower case and before code, a capitalized name is a code symbol
    // (JHipster's `"Request to save JobHistory : {}"`); ending a sentence, or after a word a title
    // keeps in lower case, it is words (`Unable to create Order Item.`, `Back to Order Items`).
    expect(chooseForm(capitalized, ' ', ' ', true, false, { lead: '"Request to save ', next: ':' }).helper).toBe('pascalCase');
    expect(chooseForm(capitalized, ' ', ' ', true, false, { lead: 'sb.append("class ', next: '{' }).helper).toBe('pascalCase');
    expect(chooseForm(capitalized, ' ', '.', true, false, { lead: '`Unable to create ', next: '`' }).helper).toBe('titleCase');
    expect(chooseForm(capitalized, ' ', ' ', true, false, { lead: '"Back to ', next: ':' }).helper).toBe('titleCase');
    expect(chooseForm(capitalized, ' ', ' ', true, false, { lead: '"Request to save ', next: 'n' }).helper).toBe('titleCase');
    expect(chooseForm(capitalized, ' ', ' ', true, false, { lead: '// Request to save ', next: ':', comment: true }).helper).toBe('pascalCase');
    // A doc comment's parameter is an identifier: camelCase, snake_case in the languages that write so.
    expect(chooseForm(forms, ' ', ' ', true, false, { lead: '     * @param ', comment: true }).helper).toBe('camelCase');
    expect(chooseForm(forms, ' ', ' ', true, false, { lead: ' * @param {Cart} ', comment: true }).helper).toBe('camelCase');
    expect(chooseForm(forms, ' ', ':', true, false, { lead: '    :param ', comment: true, snakeCode: true }).helper).toBe('snakeCase');
    expect(chooseForm(forms, ' ', ' ', true, false, { lead: ' * Saves the ', comment: true }).helper).toBe('noCase');
    expect(chooseForm(forms, '.', '_', false, false, { next: '_' }).helper).toBe('kebabCase');
    expect(chooseForm(forms, '.', ' ', false, false, { kebabCode: true }).helper).toBe('kebabCase');
    expect(chooseForm(forms, '"', '"', true, false, { lead: '<li class="' }).helper).toBe('kebabCase');
    expect(chooseForm(forms, '"', '"', true, false, { lead: '<li id="' }).helper).toBe('camelCase');
    expect(renameText('shop/apps/customers/models.py', 'Customer', 'ShippingAddress')).toBe('shop/apps/shipping_addresses/models.py');
    // A file name that goes on with `_` joins its words with `_`; Dart names its files in snake_case.
    expect(chooseForm(forms, '/', '_', false).helper).toBe('snakeCase');
    expect(chooseForm(forms, '_', '/', false).helper).toBe('snakeCase');
    expect(renameText('lib/models/cart_model.dart', 'Cart', 'CartItem')).toBe('lib/models/cart_item_model.dart');
    expect(renameText('lib/src/cart.dart', 'Cart', 'CartItem')).toBe('lib/src/cart_item.dart');
    expect(renameText('src/cart/cart.ts', 'Cart', 'CartItem')).toBe('src/cart-item/cart-item.ts');
  });

  test('word slices of a name: spelled, written as helpers, rendered the same way', () => {
    const form = { helper: 'camelCase', plural: true, slice: 'initialWords' } as const;
    expect(spell('TeamMemberList', form)).toBe('teamMembers');
    expect(spell('UserCard', { helper: 'pascalCase', plural: false, slice: 'initialWords' })).toBe('User');
    // A one-word name is its own slice.
    expect(spell('Cart', { helper: 'kebabCase', plural: false, slice: 'initialWords' })).toBe('cart');
    expect(formExpression(form)).toBe('camelCase (pluralize (initialWords name))');
    const renderer = createRenderer({ cache: false });
    expect(renderer.renderSync(`{{${formExpression(form)}}} {{firstWord name}} {{lastWord name}}`, { name: 'team-member-list' })).toBe('teamMembers Team List');
  });

  test('the article helper goes by the sound of the first word', () => {
    const renderer = createRenderer({ cache: false });
    const article = (name: string) => renderer.renderSync('{{article name}}', { name });
    expect(['Customer', 'OrderItem', 'Invoice', 'UserCard', 'Hour', 'Unit', 'Update', 'EuropeanVat', 'url_rule'].map(article)).toEqual([
      'a',
      'an',
      'an',
      'a',
      'an',
      'a',
      'an',
      'a',
      'a',
    ]);
  });

  test('slice variants are found only when asked for, and the whole name wins over a slice', () => {
    const texts = (variants: ReturnType<typeof nameVariants>) => findOccurrences('const user: User = users[0]; // UserCard', variants).map((o) => o.text);
    expect(texts(nameVariants('UserCard'))).toEqual(['UserCard']);
    expect(texts(nameVariants('UserCard', ['initialWords']))).toEqual(['user', 'User', 'users', 'UserCard']);
    const user = nameVariants('UserCard', ['initialWords']).find((variant) => variant.text === 'user');
    expect(user?.forms.every((f) => f.slice === 'initialWords')).toBe(true);
    // A one-word name has no slice other than itself.
    expect(nameVariants('Cart', ['initialWords'])).toEqual(nameVariants('Cart'));
  });

  test('a varying literal that spells a word slice of each member name, exceptions kept apart', () => {
    const names = ['UserCard', 'ProductTile', 'OrderSummary', 'TeamMemberList'];
    expect(sliceForm(['user', 'product', 'order', undefined], names)).toEqual({
      form: { helper: 'camelCase', plural: false, slice: 'initialWords' },
      exceptions: [],
    });
    expect(sliceForm(['user', 'product', 'order', 'members'], names)?.exceptions).toEqual([3]);
    // Half the members is not enough; nor is one value; nor literals that are whole names.
    expect(sliceForm(['user', 'product', 'x', 'y'], names)).toBeUndefined();
    expect(sliceForm(['user', undefined, undefined, undefined], names)).toBeUndefined();
    expect(sliceForm(['cart', 'theme'], ['Cart', 'Theme'])).toBeUndefined();
  });

  test('forms by wider context: glued words, strings of the file, comments, labels, table names', () => {
    const lower = nameVariants('Cart').find((v) => v.text === 'cart')?.forms ?? [];
    const upper = nameVariants('Cart').find((v) => v.text === 'Cart')?.forms ?? [];
    const helper = (forms: typeof lower, before: string, after: string, prose: boolean, context = {}) => chooseForm(forms, before, after, prose, false, context).helper;
    // `cartSlice.ts`, `useCartStore`: one word of an identifier.
    expect(helper(lower, '/', 'S', false)).toBe('camelCase');
    expect(helper(upper, 'e', 'S', false)).toBe('pascalCase');
    // A string that is only the name follows the file's other strings; without them, camelCase.
    expect(helper(lower, "'", "'", true, { stringForm: 'kebabCase' })).toBe('kebabCase');
    expect(helper(lower, "'", "'", true)).toBe('camelCase');
    // A capitalized name in a comment is the symbol it documents; in a label, words.
    expect(helper(upper, ' ', ' ', true, { comment: true, next: 's' })).toBe('pascalCase');
    expect(helper(upper, ' ', ' ', true, { next: 's' })).toBe('titleCase');
    expect(helper(upper, '"', '"', true, { lead: '  "title": "' })).toBe('titleCase');
    expect(helper(upper, '"', '"', true, { lead: ' aria-label="' })).toBe('sentenceCase');
    expect(helper(lower, '"', '"', true, { lead: 'verbose_name = _("' })).toBe('noCase');
    expect(helper(lower, "'", "'", true, { lead: "  collection: '" })).toBe('snakeCase');
    // OpenAPI tags are labels in the docs, even in Python's snake_case code.
    expect(chooseForm(lower, '"', '"', true, false, { lead: 'fix="/x", tags=["', snakeCode: true }).helper).toBe('noCase');
    expect(helper(upper, "'", "'", true, { lead: '@ApiTags(' + "'" })).toBe('titleCase');
    // In a comment's code span the name is code: the form the file settled, not words.
    expect(helper(lower, ' ', ' ', true, { comment: true, lead: ' * `acme ', settled: 'kebabCase' })).toBe('kebabCase');
    expect(helper(lower, ' ', ' ', true, { comment: true, lead: ' * acme ', settled: 'kebabCase' })).toBe('noCase');
  });

  test('the form of the strings of a file is read from those a separator settles', () => {
    const occurrencesIn = (content: string) => tokenize('a.tsx', content, findOccurrences(content, nameVariants('Cart'))).flatMap((token) => token.parts.filter((part) => typeof part !== 'string'));
    const parts = occurrencesIn("const id = 'cart';\nconst c = clsx('cart--open');\n");
    expect(parts.map((part) => (typeof part === 'string' ? '' : part.stringForm))).toEqual(['kebabCase', 'kebabCase']);
    expect(occurrencesIn("const id = 'cart';\n").map((part) => (typeof part === 'string' ? '' : part.stringForm))).toEqual([undefined]);
  });

  test('a spelling no rule settles takes the form a rule gave it elsewhere in the file, code and prose apart', () => {
    const content = "/** Stored in the `carts` collection. */\nconst schema = { collection: 'carts' };\nconst carts = load();\n";
    const parts = tokenize('a.ts', content, findOccurrences(content, nameVariants('Cart'))).flatMap((token) => token.parts.filter((part) => typeof part !== 'string'));
    expect(parts.map((part) => (typeof part === 'string' ? '' : `${part.text}:${part.settled ?? '-'}`))).toEqual(['carts:snakeCase+p', 'carts:snakeCase+p', 'carts:-']);
    const [comment] = parts;
    if (comment === undefined || typeof comment === 'string') throw new Error('no occurrence');
    expect(chooseForm(comment.forms, comment.before, comment.after, comment.prose, false, comment).helper).toBe('snakeCase');
  });

  test('renameText replaces every variant (the sed baseline)', () => {
    expect(renameText('const userCard: UserCard = USER_CARD; // the user card', 'UserCard', 'OrderItem', true)).toBe(
      'const orderItem: OrderItem = ORDER_ITEM; // the order item',
    );
  });
});

describe('tokenizers', () => {
  test('the TypeScript scanner tells code, strings, templates, regexes and comments apart', () => {
    const source = "const a = `x${b}y` / 2; // note\nconst r = /ab+c/g; /* block */ const s = 'str';\n";
    const regions = scanRegions('a.ts', source);
    const kinds = regions.map((region) => [source.slice(region.start, region.end), region.kind]);
    expect(kinds).toContainEqual(['`x${', 'string']);
    expect(kinds).toContainEqual(['}y`', 'string']);
    expect(kinds).toContainEqual(['// note', 'comment']);
    expect(kinds).toContainEqual(['/ab+c/g', 'string']);
    expect(kinds).toContainEqual(["'str'", 'string']);
    expect(regions.map((region) => source.slice(region.start, region.end)).join('')).toBe(source);
  });

  test('JSX is scanned with the JSX variant', () => {
    const source = 'const el = <div className="a">{x}</div>;\n';
    const regions = scanRegions('a.tsx', source);
    expect(regions.map((region) => source.slice(region.start, region.end)).join('')).toBe(source);
    expect(regions.some((region) => region.kind === 'string' && source.slice(region.start, region.end) === '"a"')).toBe(true);
  });

  test('tokens cover the text exactly and glue name occurrences into identifiers', () => {
    const source = 'export const useUserCard = () => USER_CARD_ID;\n  // the user card\n';
    const tokens = tokenize('a.ts', source, findOccurrences(source, nameVariants('UserCard')));
    expect(tokens.map((token) => token.text).join('')).toBe(source);
    const hook = tokens.find((token) => token.text === 'useUserCard');
    expect(hook?.parts.map((part) => (typeof part === 'string' ? part : `<${part.text}>`))).toEqual(['use', '<UserCard>']);
    expect(tokens.find((token) => token.text === 'user card')?.kind).toBe('comment');
    const lines = splitLines(tokens);
    expect(lines.map((line) => line.text)).toEqual(['export const useUserCard = () => USER_CARD_ID;\n', '  // the user card\n']);
    // The key abstracts the name: another member's line has the same key.
    const other = 'export const useOrderItem = () => ORDER_ITEM_ID;\n';
    const otherKey = splitLines(tokenize('b.ts', other, findOccurrences(other, nameVariants('OrderItem'))))[0]?.key;
    expect(otherKey).toBe(lines[0]?.key);
  });

  test('the generic tokenizer splits words, numbers, spaces and punctuation', () => {
    const tokens = tokenize('a.go', 'x := 42 // hi\n', []);
    expect(tokens.map((token) => token.text)).toEqual(['x', ' ', ':', '=', ' ', '42', ' ', '/', '/', ' ', 'hi', '\n']);
    expect(tokenize('notes.txt', 'x := 42 // hi\n', []).every((token) => token.kind === 'text')).toBe(true);
  });

  test('Python, Go and other code files: code, strings and comments told apart', () => {
    const kinds = (path: string, content: string) =>
      scanCodeRegions(path, content).map((region) => `${region.kind}:${content.slice(region.start, region.end)}`);
    expect(kinds('a.py', "x = \"a # b\"  # note\ny = 'it\\'s'\n\"\"\"doc\n\"\"\"\n")).toEqual([
      'code:x = ',
      'string:"a # b"',
      'code:  ',
      'comment:# note',
      'code:\ny = ',
      "string:'it\\'s'",
      'code:\n',
      'string:"""doc\n"""',
      'code:\n',
    ]);
    expect(kinds('a.go', 'x := `raw // not` // yes\n/* c */ y')).toEqual([
      'code:x := ',
      'string:`raw // not`',
      'code: ',
      'comment:// yes',
      'code:\n',
      'comment:/* c */',
      'code: y',
    ]);
    expect(tokenize('a.go', 'x := 1 // hi\n', []).map((token) => token.kind).join(' ')).toBe('code code code code code code code comment comment comment comment code');
    // SQL: `--` comments, strings in single quotes; double quotes and backquotes quote identifiers.
    expect(kinds('a.up.sql', "-- users\nCREATE TABLE \"users\" (status TEXT DEFAULT 'in process'); /* x */")).toEqual([
      'comment:-- users',
      'code:\nCREATE TABLE "users" (status TEXT DEFAULT ',
      "string:'in process'",
      'code:); ',
      'comment:/* x */',
    ]);
    // ERB: Ruby in the tags, the page's text around them.
    const erb = (content: string) => scanErbRegions(content).map((region) => `${region.kind}:${content.slice(region.start, region.end)}`);
    expect(erb("<p>Team</p><%= link_to 'Show', team %><%# note %>\n")).toEqual(['text:<p>Team</p>', 'code:<%= link_to ', "string:'Show'", 'code:, team %>', 'comment:<%# note %>', 'text:\n']);
  });
});

describe('alignment', () => {
  test('lcsPairs finds a longest common subsequence, deterministically', () => {
    expect(lcsPairs(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toEqual([
      [0, 0],
      [2, 2],
      [3, 3],
    ]);
    expect(lcsPairs(['a', 'b'], ['b', 'a'])).toEqual(lcsPairs(['a', 'b'], ['b', 'a']));
    expect(lcsPairs([], ['a'])).toEqual([]);
    expect(lcsPairs(['x', 'a', 'y', 'b', 'z'], ['a', 'b'])).toEqual([
      [1, 0],
      [3, 1],
    ]);
  });

  test('spaces inside a string match spaces inside strings only, so its quotes pair up', () => {
    const long = tokenize('cmd/a.go', '\tShort:   "backs up db schema with data",\n', []);
    const short = tokenize('cmd/b.go', '\tShort: "backup",\n', []);
    const quotes = (keyOf: (token: Token) => string) =>
      lcsPairs(long.map(keyOf), short.map(keyOf)).filter(([i]) => long[i]?.text === '"').map(([, j]) => j);
    // By text alone the space after the colon is taken for the one after `backs`, and the opening
    // quote is left out.
    expect(quotes((token) => token.key)).toEqual([6]);
    expect(quotes((token) => matchKey(token, token.key))).toEqual([4, 6]);
  });

  test('a text the members split on evenly takes its default from the flag it varies with', () => {
    // Rails controllers: the three with lookup actions indent their private methods by two, the
    // others by four; the indent's own default was a coin flip, the flag's side is not.
    const lookups: FlagParam = { kind: 'flag', name: 'hasLookups', members: [1, 3, 5], default: false, why: '', presence: true };
    const indent = (values: string[], fallback: string): ValueParam => ({ kind: 'value', name: 'indent', type: 'string', values, default: fallback });
    const even = linkFlags([lookups, indent(['    ', '  ', '    ', '  ', '    ', '  '], '  ')], 6)[1];
    expect(even).toMatchObject({ default: '    ', template: [{ t: 'if', flag: 'hasLookups', then: [{ t: 'text', text: '  ' }], else: [{ t: 'text', text: '    ' }] }] });
    // A majority's default stays: a link that would change it is not made.
    const fewer: FlagParam = { ...lookups, members: [1, 3], default: true };
    const majority = indent(['    ', '  ', '    ', '  ', '    ', '    '], '    ');
    expect(linkFlags([fewer, majority], 6)[1]).toEqual(majority);
  });

  test('a gap goes with the lines it is aligned for, never the other way round, inside the blocks they sit in', () => {
    // platformctl: `Args:` lines only in some commands with a `Run`, and gofmt's gap after `Use:`
    // wider where they are. The gap follows hasArgs (nobody passes a gap), and only where hasRun
    // opens the block around it: a command without a `Run` has no `Args:` whatever hasArgs says.
    const hasRun: FlagParam = { kind: 'flag', name: 'hasRun', members: [2, 3, 4, 5], default: true, why: '', presence: true };
    const hasArgs: FlagParam = { kind: 'flag', name: 'hasArgs', members: [3, 5], default: true, why: '', presence: true };
    const gap: ValueParam = { kind: 'value', name: 'useSpacing', type: 'string', values: [' ', ' ', ' ', '   ', ' ', '   '], default: '   ' };
    const content: Piece[] = [
      { t: 'text', text: 'Use:' },
      { t: 'value', param: 'useSpacing' },
      { t: 'text', text: '"x",\n' },
      { t: 'if', flag: 'hasRun', then: [{ t: 'if', flag: 'hasArgs', then: [{ t: 'text', text: 'Args: 3,\n' }], else: [], lines: true }], else: [], lines: true },
    ];
    const files = [{ path: [{ t: 'text', text: 'cmd/x.go' }] as Piece[], content, members: [0, 1, 2, 3, 4, 5] }];
    const [, , linked] = linkFlags([hasRun, hasArgs, gap], 6, files);
    expect(linked).toMatchObject({ template: [{ t: 'if', flag: 'hasRun', then: [{ t: 'if', flag: 'hasArgs', then: [{ t: 'text', text: '   ' }] }], else: [{ t: 'text', text: ' ' }] }] });
    const renderer = createRenderer();
    const gapFor = (params: Record<string, boolean>) => renderer.renderSync(emit(linked?.kind === 'value' ? (linked.template ?? []) : [], 'name'), params);
    expect(gapFor({ hasRun: false, hasArgs: true })).toBe(' ');
    expect(gapFor({ hasRun: true, hasArgs: true })).toBe('   ');
    // The gap leads nothing: hasArgs follows no value.
    expect(linkFlags([hasRun, hasArgs, gap], 6, files)[1]).toEqual(hasArgs);
  });
});

describe('param names by place', () => {
  test('a name declared after a keyword is named after the keyword, a word before it or not', () => {
    expect(declaredHint('export interface ')).toBe('interface name');
    expect(declaredHint('pub struct ')).toBe('struct name');
    expect(declaredHint('    def ')).toBe('function name');
    expect(declaredHint('export const ')).toBe('variable name');
    // A key named `type`, a word ending like a keyword, a keyword not right before: no declaration.
    expect(declaredHint('  type: ')).toBe('');
    expect(declaredHint('subtype ')).toBe('');
    expect(declaredHint('class Foo extends ')).toBe('');
  });

  test('a value no word names is named by its place in the line', () => {
    expect(placeHint("  it('", "', () => {", true)).toBe('test title');
    expect(placeHint("  it '", "' do", true)).toBe('test title');
    expect(placeHint('describe("', '", () => {', true)).toBe('suite title');
    expect(placeHint('    <', ' class="card">', true)).toBe('tag');
    expect(placeHint('</', '>', true)).toBe('tag');
    expect(placeHint('    ', ': string;', true)).toBe('key');
    expect(placeHint('  "', '": 1,', true)).toBe('key');
    expect(placeHint('// ', '', true)).toBe('comment');
    expect(placeHint('# ---------- ', ' ----------', true)).toBe('comment');
    expect(placeHint('## ', '', true, true)).toBe('heading');
    expect(placeHint('    "', '",', true)).toBe('item');
    expect(placeHint("  '", "'", true)).toBe('item');
    // A string a line goes on after is no item of a list.
    expect(placeHint('    "', '" + date() +', true)).toBe('');
    expect(placeHint('    """', '"""', true)).toBe('docstring');
    expect(placeHint('.', ' {', true)).toBe('selector');
    expect(placeHint('import { ', ' } from "rxjs";', true)).toBe('import name');
    expect(placeHint('import ', ' from "./src/index.vue"', true)).toBe('import name');
    expect(placeHint('import { HttpClient, ', ', Observable } from "rxjs";', false)).toBe('import name');
    expect(placeHint('    ', ' VARCHAR(255) NOT NULL,', true)).toBe('column');
    expect(placeHint('\t', ' string `json:"id"`', true)).toBe('field');
    // A module's path is no import name, a word that starts like a type no column.
    expect(placeHint("import X from '", "';", true)).toBe('');
    expect(placeHint('    ', ' varchar_count + 1', true)).toBe('');
    // What needs the line's start does not hold where the text before is only its end.
    expect(placeHint('    ', ': string;', false)).toBe('');
    // A comparison is no key, a less-than no tag, a method call no test.
    expect(placeHint('  ', ' == 1', true)).toBe('');
    expect(placeHint('a < ', ' b', true)).toBe('');
    expect(placeHint('extends BaseMapper<', '> {', true)).toBe('');
    expect(placeHint("cache.it('", "')", true)).toBe('');
  });

  test("a declaration's type is named after the name it types", () => {
    expect(typeHint(['decimal', 'string?', 'int'], ' Subtotal { get; set; }')).toBe('Subtotal type');
    expect(typeHint(['Long', 'List<Item>', 'int[]'], ' id;')).toBe('id type');
    expect(typeHint(['models.User', undefined], ' owner = null;')).toBe('owner type');
    // Modifiers are no types (`var mongoose = require(…)`), a name needs a declaration's end after
    // it (Go's `Name string` names no type), and a call's argument types nothing.
    expect(typeHint(['var', 'const'], ' mongoose = require("mongoose");')).toBe('');
    expect(typeHint(['Name', 'Title'], ' string `json:"name"`')).toBe('');
    expect(typeHint(['a + b', 'c'], ' total;')).toBe('');
    expect(typeHint([undefined], ' total;')).toBe('');
  });
});

describe('values that follow values', () => {
  // Cobra: Long repeats Short in five commands of eight. The other three write longer texts.
  const short: ValueParam = { kind: 'value', name: 'short', type: 'string', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], default: 'a' };
  const longValues = ['a', 'b', 'c', 'd', 'e', 'F long', 'G long', 'H long'];
  const built = (long: ValueParam) => ({ files: [], params: [short, long], conflicts: [], center: 0 });
  const followed = (long: ValueParam, agreeing = 1) => followedValueParams(built(long), () => agreeing)?.params[1];

  test('a text equal to an earlier one on most members defaults to it', () => {
    const long: ValueParam = { kind: 'value', name: 'long', type: 'string', values: longValues, default: 'F long' };
    expect(followed(long)).toMatchObject({ template: [{ t: 'value', param: 'short' }] });
    // The text written first is the one repeated: written first, the long text is followed, never following.
    const swapped = followedValueParams({ files: [], params: [long, short], conflicts: [], center: 0 }, () => 1)?.params;
    expect(swapped?.[0]).toEqual(long);
    expect(swapped?.[1]).toMatchObject({ template: [{ t: 'value', param: 'long' }] });
  });

  test('a value is not written in the case of another whose default reads it (no default waits on itself)', () => {
    // Generated toString() lines: the field (`fooBar`) and its line's text (`    fooBar: `), the
    // text already written from the field. The field in camel case of the text would read it back.
    const field: ValueParam = { kind: 'value', name: 'field', type: 'string', values: ['petId', 'shipDate', 'userStatus'], default: 'petId' };
    const text: ValueParam = {
      kind: 'value',
      name: 'text',
      type: 'string',
      values: ['    petId: ', '    shipDate: ', '    userStatus: '],
      default: '    petId: ',
      template: [{ t: 'text', text: '    ' }, { t: 'value', param: 'field' }, { t: 'text', text: ': ' }],
    };
    const refined = casedValueParams({ files: [], params: [field, text], conflicts: [], center: 0 });
    const readsOf = (param: ValueParam | undefined) => (param?.template ?? []).flatMap((piece) => (piece.t === 'value' ? [piece.param] : []));
    const params = (refined?.params ?? [field, text]) as ValueParam[];
    expect(readsOf(params.find((param) => param.name === 'field'))).not.toContain('text');
    expect(readsOf(params.find((param) => param.name === 'text'))).toEqual(['field']);
  });

  test('a default written from the name stays where it writes more members right than the repeat does', () => {
    const long: ValueParam = { kind: 'value', name: 'long', type: 'string', values: longValues, default: 'F long', template: [{ t: 'name', form: { helper: 'noCase', plural: false } }] };
    // One member's text with its name written anew (it fits that member alone): the repeat wins.
    expect(followed(long, 1)).toMatchObject({ template: [{ t: 'value', param: 'short' }] });
    // Written from the name for six members of eight: it stays.
    expect(followedValueParams(built(long), () => 6)).toBeUndefined();
  });
});

describe('block tags', () => {
  const renderer = createRenderer();
  const render = (pieces: Piece[], params: Record<string, unknown>) => renderer.renderSync(emit(pieces, 'name'), params);

  test('a branch of lines that ends in a tag writes the next branch, and what follows the block, from its line end', () => {
    // The then branch's line ends inside an inline block: `{{else}}` shares that line.
    const inlineEnd: Piece[] = [
      { t: 'text', text: 'try {\n' },
      {
        t: 'if',
        flag: 'hasNext',
        lines: true,
        then: [{ t: 'text', text: '  return res.send(doc)' }, { t: 'if', flag: 'withSemicolon', lines: false, then: [{ t: 'text', text: ';\n' }], else: [{ t: 'text', text: '\n' }] }],
        else: [{ t: 'text', text: '  return res.json(list);\n' }],
      },
      { t: 'text', text: '}\n' },
    ];
    expect(render(inlineEnd, { hasNext: true, withSemicolon: true })).toBe('try {\n  return res.send(doc);\n}\n');
    expect(render(inlineEnd, { hasNext: true, withSemicolon: false })).toBe('try {\n  return res.send(doc)\n}\n');
    expect(render(inlineEnd, { hasNext: false })).toBe('try {\n  return res.json(list);\n}\n');
    // A value writes the line's end (`({\r\n` in a file saved with CRLF): the close shares its line.
    const valueEnd: Piece[] = [{ t: 'if', flag: 'withModel', lines: true, then: [{ t: 'text', text: '  CartModel(' }, { t: 'value', param: 'open' }], else: [] }, { t: 'text', text: '  required this.id,\n' }];
    expect(render(valueEnd, { withModel: true, open: '{\n' })).toBe('  CartModel({\n  required this.id,\n');
    expect(render(valueEnd, { withModel: false })).toBe('  required this.id,\n');
    // So in a chain: the last branch ends in a value.
    const chain: Piece[] = [
      { t: 'if', flag: 'a', lines: true, then: [{ t: 'text', text: 'A\n' }], else: [{ t: 'if', flag: 'b', lines: true, then: [{ t: 'text', text: 'B\n' }], else: [{ t: 'text', text: 'C ' }, { t: 'value', param: 'end' }] }] },
      { t: 'text', text: 'after\n' },
    ];
    expect(render(chain, { a: true })).toBe('A\nafter\n');
    expect(render(chain, { a: false, b: true })).toBe('B\nafter\n');
    expect(render(chain, { a: false, b: false, end: 'c\n' })).toBe('C c\nafter\n');
    // And a repeated item whose line an item's value ends.
    const list: Piece[] = [{ t: 'each', param: 'items', lines: true, body: [{ t: 'text', text: '  - ' }, { t: 'item' }] }, { t: 'text', text: 'end\n' }];
    expect(render(list, { items: ['a\n', 'b\n'] })).toBe('  - a\n  - b\nend\n');
    // And line breaks that follow the width, each form's line ended by a value.
    const width: Piece[] = [
      { t: 'fits', width: 12, lines: true, narrow: [{ t: 'text', text: 'f(' }, { t: 'value', param: 'args' }], wide: [{ t: 'text', text: 'f(\n  ' }, { t: 'value', param: 'args' }] },
      { t: 'text', text: 'end\n' },
    ];
    expect(render(width, { args: 'a, b)\n' })).toBe('f(a, b)\nend\n');
    expect(render(width, { args: 'alpha, beta)\n' })).toBe('f(\n  alpha, beta)\nend\n');
  });
});

describe('escaping literal mustaches', () => {
  const renderer = createRenderer();
  const roundTrip = (pieces: Piece[], params: Record<string, unknown>) => renderer.renderSync(emit(pieces, 'name'), params);

  test('{{ in text is escaped; braces next to a mustache survive', () => {
    expect(escapeText('style={{ a: 1 }}', false, false)).toBe('style=\\{{ a: 1 }}');
    const pieces: Piece[] = [
      { t: 'text', text: "<p style={{ display: 'flex' }}>{{ value | pipe }} ${" },
      { t: 'name', form: { helper: 'camelCase', plural: false } },
      { t: 'text', text: '}={' },
      { t: 'name', form: { helper: 'constantCase', plural: false } },
      { t: 'text', text: '} \\' },
      { t: 'value', param: 'port' },
      { t: 'text', text: '}}' },
    ];
    expect(roundTrip(pieces, { name: 'OrderItem', port: 80 })).toBe("<p style={{ display: 'flex' }}>{{ value | pipe }} ${orderItem}={ORDER_ITEM} \\80}}");
  });

  test('blocks on lines of their own leave no trace', () => {
    const pieces: Piece[] = [
      { t: 'text', text: 'a\n' },
      { t: 'if', flag: 'x', then: [{ t: 'text', text: 'b\n' }], else: [{ t: 'if', flag: 'y', then: [{ t: 'text', text: 'c\n' }], else: [{ t: 'text', text: 'd\n' }], lines: true }], lines: true },
      { t: 'each', param: 'items', body: [{ t: 'text', text: '  ' }, { t: 'name', form: { helper: 'kebabCase', plural: true } }, { t: 'text', text: '.' }, { t: 'item' }, { t: 'text', text: '\n' }], lines: true },
      { t: 'text', text: 'e\n' },
    ];
    const source = emit(pieces, 'name');
    expect(source).toContain('{{else if y}}');
    expect(renderer.renderSync(source, { name: 'Person', x: false, y: true, items: ['1', '2'] })).toBe('a\nc\n  people.1\n  people.2\ne\n');
    expect(renderer.renderSync(source, { name: 'Person', x: false, y: false, items: [] })).toBe('a\nd\ne\n');
  });
});

describe('scoring', () => {
  test('line edit distance and line-weighted similarity', () => {
    expect(lineEditDistance(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toBe(2);
    expect(lineEditDistance([], ['a'])).toBe(1);
    const same = compareFiles([file('a', 'x\ny\n')], [file('a', 'x\ny\n')]);
    expect(same.exact).toBe(true);
    expect(same.similarity).toBe(1);
    const half = compareFiles([file('a', 'x\nz\n')], [file('a', 'x\ny\n'), file('b', 'q\n')]);
    expect(half.exact).toBe(false);
    expect(half.missing).toEqual(['b']);
    expect(half.similarity).toBeCloseTo(2 / 5);
  });

  test('a generated file is as well formed as the real one: brackets in code, Python blocks, TS/JS, JSON and YAML syntax', () => {
    const service = 'class OrderController {\n  update(id) {\n    return save(id);\n  }\n}\n';
    expect(closesAs('order.controller.ts', service, service)).toBe(true);
    // A commented-out opening line above a live body and brace: the `{` in the comment opens nothing.
    expect(closesAs('order.controller.ts', service.replace('  update(id) {', '  // update(id) {'), service)).toBe(false);
    // Nor does one in a string; a file in no language the miner scans counts every bracket.
    expect(closesAs('order.ts', "const open = '{';\n", 'const open = 1;\n')).toBe(true);
    expect(closesAs('order.txt', 'see (page 2\n', 'see page 2\n')).toBe(false);
    const serializer =
      'class OrderSerializer(serializers.ModelSerializer):\n    """Orders,\n        indented in the docstring."""\n\n    total = serializers.DecimalField(\n        max_digits=10,\n    )\n\n    def validate(self, data):  # the total\n        return data\n';
    expect(closesAs('apps/orders/serializers.py', serializer, serializer)).toBe(true);
    // A line indented under no block (the body of a method whose `def` another member's part held).
    const stray = serializer.replace('    def validate(self, data):  # the total\n', '\n');
    expect(closesAs('apps/orders/serializers.py', stray, serializer)).toBe(false);
    // Indentation means nothing to other languages.
    expect(closesAs('orders.rb', stray, serializer)).toBe(true);
    // TS/JS, JSON and YAML are parsed (parsesAs): a tag opened as one and closed as another balances its brackets.
    const card = 'export const Card = () => (\n  <div>\n    <span>{title}</span>\n  </div>\n);\n';
    expect(parsesAs('Card.tsx', card, card)).toBe(true);
    expect(parsesAs('Card.tsx', card.replace('    <span>{title}</span>\n', '    <span>{title}\n'), card)).toBe(false);
    expect(syntaxErrors('Card.tsx', card.replace('    <span>{title}</span>\n', '    <span>{title}\n'))).toEqual([{ line: 3, message: "JSX element 'span' has no corresponding closing tag." }]);
    expect(syntaxErrors('Card.tsx', card)).toEqual([]);
    expect(syntaxErrors('README.md', card)).toBeUndefined();
    expect(parsesAs('en.json', '{ "title": "Orders", }', '{ "title": "Orders" }')).toBe(false);
    const deployment = 'spec:\n  volumeMounts:\n    - name: config\n      mountPath: /app/config\n';
    expect(parsesAs('deployment.yaml', deployment.replace('    - name: config\n      mountPath', '  - name: config\n    mountPath'), deployment)).toBe(true);
    expect(parsesAs('deployment.yaml', deployment.replace('      mountPath', '        mountPath'), deployment)).toBe(false);
    expect(syntaxErrors('deployment.yaml', deployment.replace('      mountPath', '        mountPath'))?.map((error) => error.line)).toEqual([4]);
    // A file that does not parse as written (a Helm chart's tags) is held to no more than the real one.
    const chart = 'metadata:\n  name: {{ .Values.name }}\n  {{- include "labels" . | nindent 2 }}\n';
    expect(parsesAs('templates/deployment.yaml', chart, chart)).toBe(true);
    expect(parsesAs('templates/deployment.yaml', chart.replace('  name', '    name'), chart)).toBe(true);
  });

  test('a new member whose defaults render a file less well formed than the most typical member\'s is reported', () => {
    const service = (name: string) => `export class ${name}Service {\n  find(id: string) {\n    return this.repo.find(id);\n  }\n}\n`;
    const probe = { name: 'Order', files: [file('src/order.service.ts', service('Order'))] };
    const template = (body: string): Template => ({
      manifest: { name: 'service', params: { name: { type: 'string', required: true } } },
      files: [{ path: 'src/{{kebabCase name}}.service.ts.hbs', content: body }],
    });
    const renderer = createRenderer();
    expect(illFormedNewMember(template(service('{{pascalCase name}}')), probe, 'name', renderer)).toEqual([]);
    // The defaults keep a method's opening line and drop its closing brace.
    const [warning, ...rest] = illFormedNewMember(template(service('{{pascalCase name}}').replace('  }\n', '')), probe, 'name', renderer);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^a new member's src\/order\.service\.ts \(rendered with Order's name, every other param at its default\) does not close every bracket or block it opens, where Order's own does/);
    // Balanced but no TypeScript: a stray `=` the parser stops at.
    expect(illFormedNewMember(template(service('{{pascalCase name}}').replace('find(id', 'find(= id')), probe, 'name', renderer)[0]).toMatch(/src\/order\.service\.ts .* does not parse/);
  });

  test('a member whose name is written in its own number is checked at its own path', () => {
    // products.py beside auth.py: the path is written in the number given, so Product's name alone
    // names product.py; the check renders it with its own `products` to compare its own file.
    const router = (imports: string) => `from app.models import (\n${imports})\n`;
    const probe = { name: 'Product', files: [file('app/routers/products.py', router('    Product,\n'))] };
    const template: Template = {
      manifest: { name: 'routers', params: { name: { type: 'string', required: true }, fileName: { type: 'string', default: '{{snakeCase name}}', numberAsGiven: true } } },
      files: [{ path: 'app/routers/{{fileName}}.py.hbs', content: 'from app.models import (\n' }],
    };
    const fileName: ValueParam = { kind: 'value', name: 'fileName', type: 'string', values: ['products', 'auth'], default: 'products', numberAsGiven: true };
    const ownNumber = ownNumberValues([fileName], 0);
    expect(ownNumber).toEqual({ fileName: 'products' });
    const renderer = createRenderer();
    expect(illFormedNewMember(template, probe, 'name', renderer, ownNumber)[0]).toMatch(/^a new member's app\/routers\/products\.py .* does not close every bracket or block it opens/);
    // Without its own value the check would find no file of Product's to compare, and say nothing.
    expect(illFormedNewMember(template, probe, 'name', renderer)).toEqual([]);
  });

  test('defaults that leave a bracket open are mended by a member\'s flags, checked at the member\'s own path', () => {
    const content: Piece[] = [
      { t: 'text', text: 'from app.models import (\n' },
      { t: 'if', flag: 'hasItems', then: [{ t: 'text', text: '    Product,\n)\n' }], else: [], lines: true },
    ];
    const fileName: ValueParam = { kind: 'value', name: 'fileName', type: 'string', values: ['products', 'auth'], default: 'products', template: [{ t: 'name', form: { helper: 'snakeCase', plural: false } }], numberAsGiven: true };
    const hasItems: FlagParam = { kind: 'flag', name: 'hasItems', members: [0], default: false, why: 'lines present in 1 of 2 members', presence: true };
    const built: Built = { files: [{ path: [{ t: 'text', text: 'app/routers/' }, { t: 'value', param: 'fileName' }, { t: 'text', text: '.py' }], content, members: [0, 1] }], params: [fileName, hasItems], conflicts: [], center: 0 };
    const members = [
      { key: 'products', name: 'Product', files: [file('app/routers/products.py', 'from app.models import (\n    Product,\n)\n')] },
      { key: 'auth', name: 'Auth', files: [file('app/routers/auth.py', 'from app.models import User\n')] },
    ] as unknown as MinedMember[];
    const templateOf = (refined: Built): Template => ({
      manifest: {
        name: 'routers',
        params: {
          name: { type: 'string', required: true },
          fileName: { type: 'string', default: '{{snakeCase name}}', numberAsGiven: true },
          hasItems: { type: 'boolean', default: refined.params.some((param) => param.kind === 'flag' && param.default) },
        },
      },
      files: [{ path: 'app/routers/{{fileName}}.py.hbs', content: emit(refined.files[0]?.content ?? [], 'name') }],
    });
    const mended = balancedDefaults(built, members, 'name', templateOf, createRenderer());
    expect(mended?.params.find((param) => param.name === 'hasItems')).toMatchObject({ default: true });
  });

  test('rename-copy replaces the name in paths and contents', () => {
    expect(renameCopy([file('src/user-card/UserCard.tsx', 'export const UserCard = 1; // user card')], 'UserCard', 'OrderItem')).toEqual([
      file('src/order-item/OrderItem.tsx', 'export const OrderItem = 1; // order item'),
    ]);
    // The baseline renames contents as prose (sed); byContext chooses forms the way the miner does.
    const source = [file('src/companies.ts', "const companies = await list('companies'); // all companies\n")];
    expect(renameCopy(source, 'Company', 'ShippingAddress')[0]?.content).toBe("const shipping addresses = await list('shippingAddresses'); // all shipping addresses\n");
    expect(renameCopy(source, 'Company', 'ShippingAddress', { byContext: true })[0]?.content).toBe(
      "const shippingAddresses = await list('shippingAddresses'); // all shipping addresses\n",
    );
  });
});

describe('title underlines', () => {
  test('underlines as wide as their title are marked, and written back around the title', () => {
    const marked = markUnderlines('users\r\n=====\r\n\nNotes\n-----\n====\n');
    // The third is no title's underline: its line above is an underline.
    expect(marked).toBe('users\r\n\u{E000}=\u{E001}\r\n\nNotes\n\u{E000}-\u{E001}\n====\n');
    expect(writeUnderlines('{{name}}\r\n\u{E000}=\u{E001}\r\nend\n')).toBe('{{#underline "="}}\n{{name}}\r{{/underline}}\r\nend\n');
    // A mark under a block's tag line, or with nothing above it, cannot be written back.
    expect(writeUnderlines('{{#if x}}\n\u{E000}=\u{E001}\n{{/if}}\n')).toBeUndefined();
    expect(writeUnderlines('\u{E000}=\u{E001}\n')).toBeUndefined();
    // An overline: the same adornment above the title.
    expect(markUnderlines('=====\nusers\n=====\n')).toBe('\u{E002}=\u{E001}\nusers\n\u{E000}=\u{E001}\n');
    expect(writeUnderlines('\u{E002}=\u{E001}\n{{name}}\n\u{E000}=\u{E001}\n')).toBe('{{#underline "=" overline=true}}\n{{name}}{{/underline}}\n');
    // An overline whose underline is another adornment, or left alone, cannot be written back.
    expect(writeUnderlines('\u{E002}-\u{E001}\n{{name}}\n\u{E000}=\u{E001}\n')).toBeUndefined();
    expect(writeUnderlines('\u{E002}=\u{E001}\n{{name}}\n')).toBeUndefined();
    expect(hasVaryingUnderlines([{ path: 'a.md', content: 'ab\n==\n' }, { path: 'b.md', content: 'abc\n===\n' }])).toBe(false);
    expect(hasVaryingUnderlines([{ path: 'a.md', content: 'abc\n===\n' }, { path: 'b.md', content: 'abcd\n====\n' }])).toBe(true);
  });
});

describe('import lists kept sorted', () => {
  const uses = (name: string) => ['use App\\Http\\Controller;', `use App\\${name};`, 'use Gate;', 'use Illuminate\\Http\\Request;'].sort().join('\n');
  const controller = (name: string) => `<?php\n\n${uses(name)}\n\nclass ${name}Controller {}\n`;
  const runsOf = (path: string, content: string, name: string) =>
    importRuns(path, content, [...content.matchAll(new RegExp(name, 'g'))].map((match) => ({ start: match.index, end: match.index + name.length })));

  test('a list naming the member on some lines and not on two others is found, sorted or not', () => {
    const [run] = runsOf('app/StockController.php', controller('Stock'), 'Stock');
    expect(run).toMatchObject({ start: 2, end: 6, named: [3], key: 'php:use', sorted: true, sortedIgnoringCase: true });
    // The lines naming the member, in an order every member shares: by their text without the name.
    const both = 'use App\\Asset;\nuse App\\Http\\StoreAsset;\nuse Gate;\nuse Zed;\n';
    expect(runsOf('a.php', both, 'Asset')[0]).toMatchObject({ named: [0, 1], namedInOrder: [1, 0] });
    // Two lines, or a list whose lines all name the member, is no list to sort.
    expect(runsOf('a.php', 'use A;\nuse App\\Stock;\n', 'Stock')).toEqual([]);
    expect(runsOf('a.php', 'use Stock;\nuse StockA;\nuse StockB;\n', 'Stock')).toEqual([]);
    // Go's import block: its lines are the list.
    const go = 'package x\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"shop/stock"\n)\n';
    expect(runsOf('stock.go', go, 'stock')).toMatchObject([{ start: 3, end: 6, named: [5], key: 'go:go-import', sorted: true }]);
    expect(runsOf('b.php', 'use Zed;\nuse App\\Stock;\nuse Gate;\n', 'Stock')[0]?.sorted).toBe(false);
  });

  test('lists are read as sorted where the language sorts imports, or where the members show it', () => {
    const php = ['Asset', 'Stock', 'Team'].map((name) => runsOf(`${name}.php`, controller(name), name));
    expect(sortedKeys(php)).toEqual(new Map([['php:use', 'plain']]));
    // TypeScript imports are grouped by hand as often: the member's own import always last is no evidence.
    const ts = (name: string, rest: string[]) => [...rest.map((line) => `import { ${line} } from '${line.toLowerCase()}';`), `import { ${name} } from './${name.toLowerCase()}';`, ''].join('\n');
    const last = ['Stock', 'Team'].map((name) => runsOf(`${name}.ts`, ts(name, ['A', 'B']), name));
    expect(sortedKeys(last)).toEqual(new Map());
    // Where the member's line is first in one member, last in another, middle in a third: sorted.
    const moving = [
      runsOf('Apple.ts', ['import { Apple } from "./apple";', 'import { B } from "b";', 'import { C } from "c";', ''].join('\n'), 'Apple'),
      runsOf('Bob.ts', ['import { B } from "b";', 'import { Bob } from "./bob";', 'import { C } from "c";', ''].join('\n'), 'Bob'),
      runsOf('Dan.ts', ['import { B } from "b";', 'import { C } from "c";', 'import { Dan } from "./dan";', ''].join('\n'), 'Dan'),
    ];
    expect(sortedKeys(moving)).toEqual(new Map([['ts:import', 'plain']]));
    // One member's list out of order: no list of that kind is read as sorted.
    const unsorted = [...php, runsOf('Zed.php', '<?php\n\nuse Gate;\nuse App\\Zed;\nuse Illuminate\\Http\\Request;\n', 'Zed')];
    expect(sortedKeys(unsorted)).toEqual(new Map());
  });

  test("the member's lines go to the top of the list between marks, written back as a sortLines block", () => {
    const content = controller('Stock');
    const runs = runsOf('StockController.php', content, 'Stock');
    const marked = markSortedRuns(content, runs, new Map([['php:use', 'plain']]));
    expect(marked).toBe('<?php\n\n\u{E003}sort\u{E004}\nuse App\\Stock;\nuse App\\Http\\Controller;\nuse Gate;\nuse Illuminate\\Http\\Request;\n\u{E003}/sort\u{E004}\n\nclass StockController {}\n');
    expect(markSortedRuns(content, runs, new Map())).toBe(content);
    expect(writeSortBlocks('\u{E003}sort-i\u{E004}\r\nuse b;\r\n\u{E003}/sort\u{E004}\r\n')).toBe('{{#sortLines ignoreCase=true}}\r\nuse b;\r\n{{/sortLines}}\r\n');
    // A list that does not close, or whose blocks do not close inside it, cannot be written back.
    expect(writeSortBlocks('\u{E003}sort\u{E004}\nuse a;\n')).toBeUndefined();
    expect(writeSortBlocks('\u{E003}sort\u{E004}\n{{#if x}}\nuse a;\n\u{E003}/sort\u{E004}\n{{/if}}\n')).toBeUndefined();
    expect(writeSortBlocks('use a; \u{E003}/sort\u{E004}\n')).toBeUndefined();
  });
});

describe('list brackets any item opens', () => {
  const text = (value: string): Piece => ({ t: 'text', text: value });
  const block = (flag: string, then: Piece[]): Piece => ({ t: 'if', flag, then, else: [], lines: true });
  // Go's import block as alignment nests it where every member importing time imports encoding too.
  const nested = [
    text('package model\n\n'),
    block('hasEncoding', [text('import (\n\t"encoding/json"\n'), block('hasTime', [text('\t"time"\n')]), text(')\n\n')]),
    text('type '),
    { t: 'name', form: { helper: 'pascalCase', plural: false } },
    text(' struct{}\n'),
  ] as Piece[];

  test('are written for any of the items, each item under its own flag', () => {
    expect(emit(withListWrappers(nested), 'name')).toBe(
      'package model\n\n{{#if (or hasEncoding hasTime)}}\nimport (\n{{#if hasEncoding}}\n\t"encoding/json"\n{{/if}}\n{{#if hasTime}}\n\t"time"\n{{/if}}\n)\n\n{{/if}}\ntype {{pascalCase name}} struct{}\n',
    );
    const renderer = createRenderer();
    const render = (values: Record<string, unknown>) => renderer.renderSync(emit(withListWrappers(nested), 'name'), { name: 'user', ...values });
    // As every member rendered (time only with encoding), and what they could not say.
    expect(render({ hasEncoding: true, hasTime: true })).toBe('package model\n\nimport (\n\t"encoding/json"\n\t"time"\n)\n\ntype User struct{}\n');
    expect(render({ hasEncoding: false, hasTime: false })).toBe('package model\n\ntype User struct{}\n');
    expect(render({ hasEncoding: false, hasTime: true })).toBe('package model\n\nimport (\n\t"time"\n)\n\ntype User struct{}\n');
    // An item in a block of its own first, the block's own after it.
    const first = withListWrappers([block('hasTime', [text('import (\n'), block('hasClock', [text('\t"clock"\n')]), text('\t"time"\n)\n')])]);
    expect(first).toMatchObject([{ t: 'if', flag: '(or hasTime hasClock)', then: [text('import (\n'), { flag: 'hasClock' }, { flag: 'hasTime' }, text(')\n')] }]);
  });

  test('are left alone where the block is no list: no bracket, no item of its own, items of other indents or blocks of other shapes', () => {
    const unchanged = (pieces: Piece[]) => expect(withListWrappers(pieces)).toEqual(pieces);
    unchanged([block('hasAuth', [text('auth()\n\tcheck()\n'), block('hasRoles', [text('\troles()\n')]), text('done()\n')])]);
    // Every item in a block of its own: the block's flag already says whether any is there.
    unchanged([block('hasImports', [text('import (\n'), block('hasJson', [text('\t"encoding/json"\n')]), block('hasTime', [text('\t"time"\n')]), text(')\n')])]);
    unchanged([block('hasEncoding', [text('import (\n\t"encoding/json"\n'), block('hasTime', [text('\t\t"time"\n')]), text(')\n')])]);
    unchanged([block('hasEncoding', [text('import (\n\t"encoding/json"\n'), block('hasTime', [text('\t"time"\n')]), text('\t)\n')])]);
    unchanged([{ t: 'if', flag: 'hasEncoding', then: [text('import (\n\t"a"\n'), block('hasTime', [text('\t"time"\n')]), text(')\n')], else: [text('// none\n')], lines: true }]);
    unchanged([block('hasEncoding', [text('import (\n\t"a"\n'), { t: 'if', flag: 'hasTime', then: [text('\t"time"\n')], else: [text('\t"clock"\n')], lines: true }, text(')\n')])]);
  });
});

describe('initialisms', () => {
  const pascal = { helper: 'pascalCase', plural: false } as const;
  const camel = { helper: 'camelCase', plural: true } as const;
  const handler = (extension: string): Built => ({
    files: [
      {
        path: [{ t: 'text', text: 'handler/' }, { t: 'name', form: camel }, { t: 'text', text: '.' }, { t: 'text', text: extension }],
        content: [{ t: 'text', text: 'func New' }, { t: 'name', form: pascal }, { t: 'text', text: 'Handler() {}\n' }, { t: 'value', param: 'route' }],
        members: [0, 1],
      },
    ],
    params: [{ kind: 'value', name: 'route', type: 'string', values: ['/cancel-order', '/submit-payment'], default: '', template: [{ t: 'text', text: '/' }, { t: 'name', form: { helper: 'kebabCase', plural: false } }, { t: 'name', form: pascal }] } as ValueParam],
    conflicts: [],
    center: 0,
  });

  test('Go files, and the defaults only they write, write PascalCase and camelCase names as given', () => {
    const go = withInitialisms(handler('go'), ['CancelOrder', 'SubmitPayment']);
    const file = go.files[0];
    expect(emit(file?.path ?? [], 'name')).toBe('handler/{{lowerFirst (pluralize name)}}.go');
    expect(emit(file?.content ?? [], 'name')).toBe('func New{{name}}Handler() {}\n{{route}}');
    const route = go.params[0] as ValueParam;
    expect(emit(route.template ?? [], 'name')).toBe('/{{kebabCase name}}{{name}}');
  });

  test('Swift keeps initialisms too', () => {
    const swift = withInitialisms(handler('swift'), ['CancelOrder', 'SubmitPayment']);
    expect(emit(swift.files[0]?.content ?? [], 'name')).toBe('func New{{name}}Handler() {}\n{{route}}');
  });

  test('other languages, and members whose names hold an acronym, keep the helpers', () => {
    const ts = handler('ts');
    expect(withInitialisms(ts, ['CancelOrder', 'SubmitPayment'])).toBe(ts);
    const go = handler('go');
    expect(withInitialisms(go, ['CancelOrder', 'APIKey'])).toBe(go);
  });
});

