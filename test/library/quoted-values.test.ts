import { describe, expect, it } from 'vitest';
import { quotedValueWarnings } from '../../src/library/quoted-values.js';

const file = (source: string) => [{ path: 'src/card.ts', source }];

describe('quotedValueWarnings', () => {
  it('warns of a value holding the quote of the string it is written in, naming the file, line and escape', () => {
    expect(quotedValueWarnings({ title: "It's open" }, file("export const meta = {\n  title: '{{title}}',\n};\n"))).toEqual([
      'src/card.ts, line 2 of its template: the value of title, "It\'s open", holds \', which ends the \'…\' string it is written in. Escape it as the file\'s language does (\\\' in JavaScript), or pass a value without it.',
    ]);
    expect(quotedValueWarnings({ route: 'a"b' }, file('get("/api/{{route}}/list")\n'))).toHaveLength(1);
    expect(quotedValueWarnings({ label: 'x`y' }, file('const s = `{{{label}}} done`;\n'))).toHaveLength(1);
  });

  it('says nothing of another quote, an escaped one, a value outside strings, prose or a mustache of its own', () => {
    expect(quotedValueWarnings({ title: 'Say "hi"' }, file("title: '{{title}}'\n"))).toEqual([]);
    expect(quotedValueWarnings({ title: "It\\'s open" }, file("title: '{{title}}'\n"))).toEqual([]);
    expect(quotedValueWarnings({ title: "It's open" }, file('title = {{title}}\n'))).toEqual([]);
    expect(quotedValueWarnings({ title: "It's open" }, file("// Don't change {{title}} by hand\n"))).toEqual([]);
    // The quotes inside a helper call are the template's, not the file's.
    expect(quotedValueWarnings({ title: "It's" }, file('{{#if (eq kind "a")}}{{title}}{{/if}}\n'))).toEqual([]);
    // Another param's mustache in the string is not this one.
    expect(quotedValueWarnings({ title: "It's" }, file("x = '{{other}}' + {{title}}\n"))).toEqual([]);
  });
});
