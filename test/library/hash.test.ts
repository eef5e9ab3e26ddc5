import { describe, expect, it } from 'vitest';
import { canonicalTemplate, templateHash } from '../../src/library/hash.js';
import type { Template } from '../../src/library/template.js';

const template: Template = {
  manifest: { name: 'card', version: '1.0.0', params: { name: { type: 'string', pattern: '^[a-z]+$' }, flag: { type: 'boolean', default: false } } },
  files: [
    { path: 'b.ts', content: 'b' },
    { path: 'a.ts', content: 'a', mode: 0o755 },
  ],
};

describe('templateHash', () => {
  it('is a sha256 over the canonical form, stable across runs', () => {
    expect(templateHash(template)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalTemplate(template)).toBe(
      '{"files":[{"content":"a","mode":493,"path":"a.ts"},{"content":"b","mode":null,"path":"b.ts"}],"format":1,"manifest":{"name":"card","params":{"flag":{"default":false,"type":"boolean"},"name":{"pattern":"^[a-z]+$","type":"string"}},"version":"1.0.0"}}',
    );
  });

  it('ignores file order, key order, $schema and the README', () => {
    const reordered: Template = {
      manifest: { $schema: '../template.schema.json', params: { flag: { default: false, type: 'boolean' }, name: { pattern: '^[a-z]+$', type: 'string' } }, version: '1.0.0', name: 'card' },
      files: [...template.files].reverse(),
      readme: '# card',
    };
    expect(templateHash(reordered)).toBe(templateHash(template));
  });

  it('changes with any content, path, mode or manifest change', () => {
    const base = templateHash(template);
    const variants: Template[] = [
      { ...template, files: [{ path: 'b.ts', content: 'b!' }, template.files[1]!] },
      { ...template, files: [{ path: 'c.ts', content: 'b' }, template.files[1]!] },
      { ...template, files: [template.files[0]!, { path: 'a.ts', content: 'a' }] },
      { ...template, manifest: { ...template.manifest, version: '1.0.1' } },
      { ...template, manifest: { ...template.manifest, description: 'x' } },
    ];
    const hashes = variants.map(templateHash);
    expect(hashes).not.toContain(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });
});
