import { describe, expect, it } from 'vitest';
import { placesOf } from '../../src/render/guards.js';

const known = (...guards: Array<[string, boolean]>) => guards.map(([param, truthy]) => ({ param, truthy }));

describe('the conditions each place reading a param renders under', () => {
  it('follows if, its else, unless and else-if chains, nested', () => {
    const places = placesOf(
      [
        'import {{name}}',
        '{{#if hasEncoding}}json {{#if hasTime}}time {{label}}{{/if}}{{/if}}',
        '{{#unless quiet}}{{label}}{{/unless}}',
        '{{#if a}}A{{else if b}}{{label}}{{else}}{{upperCase label}}{{/if}}',
      ].join('\n'),
    );
    expect(places.get('name')).toEqual([known()]);
    // A block's condition is read where the block is.
    expect(places.get('hasEncoding')).toEqual([known()]);
    expect(places.get('hasTime')).toEqual([known(['hasEncoding', true])]);
    expect(places.get('label')).toEqual([
      known(['hasEncoding', true], ['hasTime', true]),
      known(['quiet', false]),
      known(['a', false], ['b', true]),
      known(['a', false], ['b', false]),
    ]);
  });

  it('reads helpers’ arguments and subexpressions, not the helpers, data, the context or the names below a param', () => {
    const places = placesOf('{{pascalCase (pluralize name) suffix=kind}} {{@index}} {{this}} {{../outer}} {{user.id}}');
    expect([...places.keys()].sort()).toEqual(['kind', 'name', 'user']);
  });

  it('keeps the known conditions around other ones, and none inside a block that changes the context', () => {
    // The brackets of a list any item opens: the item's own flag is known inside.
    expect(placesOf('{{#if (or json time)}}{{#if time}}{{label}}{{/if}}{{/if}}').get('label')).toEqual([known(['time', true])]);
    expect(placesOf('{{#if on}}{{#if (eq method "get")}}{{label}}{{/if}}{{/if}}').get('label')).toEqual([known(['on', true])]);
    // Inside each, {{#if on}} reads the item's `on`: only the conditions outside are the params'.
    expect(placesOf('{{#if a}}{{#each items}}{{#if on}}{{label}}{{/if}}{{/each}}{{/if}}').get('label')).toEqual([known(['a', true])]);
    expect(placesOf('{{#with user}}{{label}}{{/with}}').get('label')).toEqual([known()]);
    expect(placesOf('{{#if on}}{{label}}{{/if}}{{> footer}}').get('label')).toEqual([known(['on', true]), known()]);
  });
});
