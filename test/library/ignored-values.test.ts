import { describe, expect, it } from 'vitest';
import { ignoredValueWarnings } from '../../src/library/ignored-values.js';
import { renderTemplate } from '../../src/library/render.js';
import type { Template } from '../../src/library/template.js';
import { createRenderer } from '../../src/render/index.js';

// A gorm model whose "time" import sits inside the block of "encoding/json", as a family mined
// where every member importing time imported encoding too writes it.
const model: Template = {
  manifest: {
    name: 'model',
    params: {
      name: { type: 'string' },
      hasEncoding: { type: 'boolean', default: true },
      hasTime: { type: 'boolean', default: false },
      label: { type: 'string', default: '' },
      tableName: { type: 'string', default: '{{snakeCase name}}' },
    },
  },
  files: [
    {
      path: 'model/{{snakeCase name}}.go',
      content:
        'package model\n{{#if hasEncoding}}\nimport (\n\t"encoding/json"\n{{#if hasTime}}\n\t"time"\n{{/if}}\n)\n{{/if}}\nconst Table = "{{tableName}}"\n{{#unless hasEncoding}}// {{label}}\n{{/unless}}{{#if hasEncoding}}{{#if hasTime}}// {{label}}{{/if}}{{/if}}',
    },
  ],
};

describe('a value given that every place reading it leaves out', () => {
  it('is named, with the values that leave it out and the values that would not', () => {
    expect(ignoredValueWarnings(model, ['name', 'hasTime', 'hasEncoding'], { name: 'User', hasTime: true, hasEncoding: false, label: '', tableName: 'user' })).toEqual([
      'hasTime true changes nothing: the template reads hasTime only inside blocks that hasEncoding false leaves out. To have it written, give hasEncoding true as well; else leave hasTime out.',
    ]);
    // Each place left out by blocks of its own: every block is named, and each way to a place.
    expect(ignoredValueWarnings(model, ['label'], { name: 'User', hasTime: false, hasEncoding: true, label: 'users', tableName: 'user' })).toEqual([
      'label "users" changes nothing: the template reads label only inside blocks that hasEncoding true and hasTime false leave out. To have it written, give hasEncoding false, or hasTime true as well; else leave label out.',
    ]);
  });

  it('says nothing of a value asking for no text, one read where it renders or may render, in a path, or by a default not given', () => {
    const values = { name: 'User', hasTime: false, hasEncoding: false, label: '', tableName: 'user' };
    // A flag given false and an empty text ask for nothing, and get nothing.
    expect(ignoredValueWarnings(model, ['hasTime', 'label'], values)).toEqual([]);
    // hasEncoding is read by its own block, which renders whatever it is.
    expect(ignoredValueWarnings(model, ['hasEncoding'], { ...values, hasEncoding: true })).toEqual([]);
    // name is read in the path; tableName's default reads it too.
    const inContentOnly: Template = { ...model, files: [{ path: 'model.go', content: '{{#if hasTime}}{{name}}{{/if}}{{tableName}}' }] };
    expect(ignoredValueWarnings(inContentOnly, ['name'], values)).toEqual([]);
    const inPath: Template = {
      manifest: { name: 'model', params: { name: { type: 'string' }, hasTime: { type: 'boolean', default: false } } },
      files: [{ path: '{{snakeCase name}}.go', content: '{{#if hasTime}}{{name}}{{/if}}' }],
    };
    expect(ignoredValueWarnings(inPath, ['name'], values)).toEqual([]);
    // ...but a default given is the value given's, not the name's.
    expect(ignoredValueWarnings(inContentOnly, ['name', 'tableName'], values)).toHaveLength(1);
    // Under a condition that is not a param's value, a place may render.
    const underEq: Template = { ...model, files: [{ path: 'model.go', content: '{{#if (eq kind "a")}}{{label}}{{/if}}' }] };
    expect(ignoredValueWarnings(underEq, ['label'], { ...values, label: 'x', kind: 'b' })).toEqual([]);
    // ...but a block on a param's own value inside it still leaves the place out.
    const inList: Template = { ...model, files: [{ path: 'model.go', content: '{{#if (or hasEncoding hasTime)}}{{#if hasTime}}{{label}}{{/if}}{{/if}}' }] };
    expect(ignoredValueWarnings(inList, ['label'], { ...values, label: 'x' })).toEqual([expect.stringMatching(/^label "x" changes nothing: .* blocks that hasTime false leaves out\./)]);
    // A file without blocks reads it as it is, without the parser.
    const plain: Template = { ...model, files: [{ path: 'model.go', content: '// {{label}}' }, { path: 'b.go', content: '{{#if hasTime}}{{label}}{{/if}}' }] };
    expect(ignoredValueWarnings(plain, ['label'], { ...values, label: 'x' })).toEqual([]);
  });

  it('comes with what renderTemplate renders, for the values given', async () => {
    const renderer = createRenderer();
    const result = await renderTemplate(renderer, model, { name: 'User', hasTime: true, hasEncoding: false });
    expect(result.files[0]?.content).not.toContain('time');
    expect(result.warnings).toEqual([expect.stringMatching(/^hasTime true changes nothing: the template reads hasTime only inside blocks that hasEncoding false leaves out\./)]);
    // hasTime's default leaves the same block out, but no value given asked for it.
    expect((await renderTemplate(renderer, model, { name: 'User', hasEncoding: false })).warnings).toEqual([]);
  });
});
