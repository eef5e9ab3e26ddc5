/**
 * The members as the build reads them (see build.ts): each file's path and lines tokenized, with
 * the occurrences of its member's name marked (its case variants, the word slices members write
 * for it, names glued to a word in file names), where the code's own words are not taken for the
 * name (vocabulary.ts), line ends read alike where the family mixes them, and marks put in the
 * text: import lists kept sorted (sorted-runs.ts) and title underlines as wide as their titles
 * (underlines.ts).
 */
import { words } from '../render/case.js';
import { wordSlices } from '../render/helpers.js';
import { commonFolder, type Grouping } from './group.js';
import type { MinedMember } from './ir.js';
import type { NameDetection } from './names.js';
import { importRuns, markSortedRuns, sortedKeys } from './sorted-runs.js';
import { splitLines, tokenize, tokenizePath } from './tokenize.js';
import type { Example } from './types.js';
import { markUnderlines } from './underlines.js';
import { findOccurrences, gluedSuffixes, nameVariants, type Occurrence, type WordSlice } from './variants.js';
import { pathVocabulary, vocabularyFilters } from './vocabulary.js';
import { byString } from '../util/text.js';

/** The word slices of a name that members write for it (see nameVariants). */
const NAME_SLICES: readonly WordSlice[] = ['initialWords', 'lastWord'];

/** Written with Windows line ends throughout: a CRLF, and no LF without its CR. */
const crlfThroughout = (content: string): boolean => content.includes('\r\n') && !/(?:^|[^\r])\n/.test(content);

export interface ReadFamily {
  readonly members: MinedMember[];
  /** Every example's path, sorted. */
  readonly allPaths: string[];
  /** The folder every example is below, '' for none. */
  readonly shared: string;
  /** Whether an import list was read as kept sorted (see sorted-runs.ts). */
  readonly sorted: boolean;
}

/**
 * `titles`: title underlines as wide as their titles are read as marks (see underlines.ts);
 * `sorted`: import lists kept sorted are (see sorted-runs.ts).
 */
export function readMembers(
  examples: readonly Example[],
  grouping: Grouping,
  detection: NameDetection,
  { titles, sorted }: { titles: boolean; sorted: boolean },
): ReadFamily {
  // Members may name a part of their entity (`UserProfile` takes a `user`, `AddUser` lists `users`):
  // those words are abstracted too, when two members or more have names of several words, so that
  // the alignment can confirm them (one member's `books` in `BookCategory` is more often another
  // entity than its own).
  // A slice every member shares (`Icon` of `BellIcon`, `BookIcon`) is constant text, not the name.
  const multiWord = detection.names.filter((name) => words(name).length > 1);
  const slices =
    multiWord.length >= 2 ? NAME_SLICES.filter((slice) => new Set(detection.names.map((name) => wordSlices[slice](name).toLowerCase())).size > 1) : [];
  const allPaths = [...examples].map((example) => example.path).sort(byString);
  const shared = commonFolder(allPaths);
  // The folders above the members are every member's (`server/db/models/` is not the `Model` of
  // `CarModel`): the name is looked for from the member's folder or stem on.
  const fromOf = (group: Grouping['members'][number]) => (grouping.unit === 'folder' ? group.key.length - group.label.length : shared === '' ? 0 : shared.length + 1);
  // Names glued to a word in file names count too (`0003_leavecodeconfig.py`).
  const glued = gluedSuffixes(
    grouping.members.map((group, m) => ({ name: detection.names[m] ?? '', texts: group.files.flatMap((file) => [file.path.slice(fromOf(group)), file.content]) })),
  );
  // Files with Windows line ends beside files without are read with LF line ends, so that their
  // lines align with the others' (each line would otherwise differ by its CR); the template puts
  // them back. A family written one way throughout is read as it is.
  const crlfFiles = new Set(examples.filter((example) => crlfThroughout(example.content)).map((example) => example.path));
  const mixedLineEnds = crlfFiles.size > 0 && crlfFiles.size < examples.length;
  const variantsOf = grouping.members.map((_, m) => nameVariants(detection.names[m] ?? '', slices, { acronymCamel: true }));
  // Each file read once: with LF line ends where the family mixes them, and where the name occurs.
  const readFile = (file: Example, m: number) => {
    const content = mixedLineEnds && crlfFiles.has(file.path) ? file.content.replace(/\r\n/g, '\n') : file.content;
    return { content, occurrences: findOccurrences(content, variantsOf[m] ?? [], glued) };
  };
  // Word slices standing in another member's literal identifiers are the code's words (see vocabulary.ts).
  const asRead = grouping.members.map((group, m) => group.files.map((file) => readFile(file, m)));
  const nameOnly = vocabularyFilters(asRead);
  const occurrencesIn = (m: number, content: string, occurrences: readonly Occurrence[]) => nameOnly[m]?.(content, occurrences) ?? [...occurrences];
  const named = ({ content, occurrences }: ReturnType<typeof readFile>, m: number) => ({ content, occurrences: occurrencesIn(m, content, occurrences) });
  const readings = asRead.map((files, m) => files.map((reading) => named(reading, m)));
  const readingOf = (m: number, f: number, file: Example) => readings[m]?.[f] ?? named(readFile(file, m), m);
  // Import lists a sorter keeps in order are read with the member's own lines on top (see sorted-runs.ts).
  const runsOf = grouping.members.map((group, m) =>
    group.files.map((file, f) => {
      if (!sorted) return [];
      const { content, occurrences } = readingOf(m, f, file);
      return importRuns(file.path, content, occurrences);
    }),
  );
  const sortedLists = sortedKeys(runsOf.map((runs) => runs.flat()));
  // Where the name is in each path: a slice of it standing in a file or folder name another member
  // has as it is (`service.yaml` in every member's folder) is no reading of the name.
  const inPaths = pathVocabulary(
    grouping.members.map((group, m) => {
      const from = fromOf(group);
      return group.files.map((file) => ({ path: file.path, from, occurrences: findOccurrences(file.path, variantsOf[m] ?? [], glued).filter((occurrence) => occurrence.start >= from) }));
    }),
  );
  const members: MinedMember[] = grouping.members.map((group, m) => {
    const name = detection.names[m] ?? '';
    const variants = variantsOf[m] ?? [];
    const from = fromOf(group);
    // Member folders below different folders (see groupMembers): those folders are a path param.
    const locationStart = grouping.unit !== 'folder' ? from : shared === '' ? 0 : shared.length + 1;
    return {
      key: group.key,
      name,
      files: group.files.map((file, f) => {
        const inPath = inPaths[m]?.[f] ?? [];
        const windowsLineEnds = mixedLineEnds && crlfFiles.has(file.path);
        const reading = readingOf(m, f, file);
        const lineEnds = markSortedRuns(reading.content, runsOf[m]?.[f] ?? [], sortedLists);
        const read = titles ? markUnderlines(lineEnds) : lineEnds;
        // Marks move text: the name is looked for again only where they did.
        const occurrences = read === reading.content ? reading.occurrences : occurrencesIn(m, read, findOccurrences(read, variants, glued));
        return {
          path: file.path,
          content: file.content,
          windowsLineEnds,
          pathTokens: tokenizePath(file.path, inPath),
          lines: splitLines(tokenize(file.path, read, occurrences, inPath)),
          ...(locationStart < from ? { location: [locationStart, from] as const } : {}),
        };
      }),
    };
  });
  return { members, allPaths, shared, sorted: sortedLists.size > 0 };
}
