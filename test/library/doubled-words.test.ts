import { describe, expect, it } from 'vitest';
import { doubledWordWarnings } from '../../src/library/doubled-words.js';
import { renderTemplate } from '../../src/library/render.js';
import type { Template } from '../../src/library/template.js';
import { createRenderer } from '../../src/render/index.js';

describe('a given value written after its own first word', () => {
  it('is named, with the file and the value without the word, in every case form', () => {
    const files = [
      { path: '.github/workflows/bookstore-webapp.yml', content: 'env:\n  IMAGE: acme/bookstore-bookstore-webapp\n' },
      { path: 'k8s/webapp.yaml', content: 'name: BOOKSTORE_BOOKSTORE_WEBAPP\n' },
    ];
    expect(doubledWordWarnings({ name: 'BookstoreWebapp' }, files)).toEqual([
      '.github/workflows/bookstore-webapp.yml (and 1 more file): "bookstore-bookstore-webapp" repeats the first word of name "BookstoreWebapp": the template writes that word before the value. Check those lines; a value without the word ("Webapp") writes it once there, and changes every other place the value is written.',
    ]);
    for (const content of ['class BookstoreBookstoreWebapp {}', 'const bookstoreBookstoreWebapp = 1;', 'db: bookstore_bookstore_webapp', 'path: /bookstore-bookstore-webapp']) {
      expect(doubledWordWarnings({ name: 'bookstore webapp' }, [{ path: 'a.txt', content }])).toHaveLength(1);
    }
  });

  it('says nothing of a word that only ends a longer one, a one-word value, a value doubling its own word, or a value not given as a string', () => {
    // `mybookstore-bookstore-webapp`: the word before is `mybookstore`, not the value's first word.
    expect(doubledWordWarnings({ name: 'BookstoreWebapp' }, [{ path: 'a.yml', content: 'image: mybookstore-bookstore-webapp\n' }])).toEqual([]);
    expect(doubledWordWarnings({ name: 'BookstoreWebapp' }, [{ path: 'a.yml', content: 'image: bookstore-webapp\n' }])).toEqual([]);
    expect(doubledWordWarnings({ name: 'Order' }, [{ path: 'a.ts', content: 'OrderOrder order-order' }])).toEqual([]);
    expect(doubledWordWarnings({ name: 'Bookstore Bookstore' }, [{ path: 'a.ts', content: 'bookstore-bookstore-bookstore' }])).toEqual([]);
    expect(doubledWordWarnings({ count: 3, tags: ['a b'] }, [{ path: 'a.ts', content: 'a-a-b' }])).toEqual([]);
  });

  it('comes with what renderTemplate renders, for the values given and not for defaults', async () => {
    const template: Template = {
      manifest: {
        name: 'workflow',
        params: {
          name: { type: 'string' },
          registry: { type: 'string', default: 'acme registry' },
        },
      },
      files: [{ path: '{{kebabCase name}}.yml', content: 'image: {{registry}}/bookstore-{{kebabCase name}}\nlabel: acme-{{kebabCase registry}}\n' }],
    };
    const doubled = await renderTemplate(createRenderer(), template, { name: 'BookstoreWebapp' });
    expect(doubled.warnings).toEqual([expect.stringContaining('bookstore-webapp.yml: "bookstore-bookstore-webapp" repeats the first word of name "BookstoreWebapp"')]);
    const once = await renderTemplate(createRenderer(), template, { name: 'Webapp' });
    // The default writes `acme-acme-registry`: the template's own doing, not a value given.
    expect(once.files[0]?.content).toBe('image: acme registry/bookstore-webapp\nlabel: acme-acme-registry\n');
    expect(once.warnings).toEqual([]);
  });
});
