import { describe, expect, it } from 'vitest';
import { placesOf } from '../../src/render/guards.js';

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
    expect(places.get('name')).toEqual([[]]);
    // A block's condition is read where the block is.
    expect(places.get('hasEncoding')).toEqual([[]]);
    expect(places.get('hasTime')).toEqual([[{ param: 'hasEncoding', truthy: true }]]);
    expect(places.get('label')).toEqual([
      [
        { param: 'hasEncoding', truthy: true },
        { param: 'hasTime', truthy: true },
      ],
      [{ param: 'quiet', truthy: false }],
      [
        { param: 'a', truthy: false },
        { param: 'b', truthy: true },
      ],
      [
        { param: 'a', truthy: false },
        { param: 'b', truthy: false },
      ],
    ]);
  });

  it('reads helpers’ arguments and subexpressions, not the helpers, data, the context or the names below a param', () => {
    const places = placesOf('{{pascalCase (pluralize name) suffix=kind}} {{@index}} {{this}} {{../outer}} {{user.id}}');
    expect([...places.keys()].sort()).toEqual(['kind', 'name', 'user']);
  });

  it('knows no condition but a param’s own value: other blocks, each and partials make a place unknown', () => {
    expect(placesOf('{{#if (eq method "get")}}{{label}}{{/if}}').get('label')).toEqual([undefined]);
    expect(placesOf('{{#each items}}{{label}}{{/each}}').get('label')).toEqual([undefined]);
    expect(placesOf('{{#with user}}{{label}}{{/with}}').get('label')).toEqual([undefined]);
    // Under an unknown block, a known one stays unknown.
    expect(placesOf('{{#each items}}{{#if on}}{{label}}{{/if}}{{/each}}').get('label')).toEqual([undefined]);
    expect(placesOf('{{#if on}}{{label}}{{/if}}{{> footer}}').get('label')).toEqual([[{ param: 'on', truthy: true }], undefined]);
  });
});
