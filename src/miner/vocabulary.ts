/**
 * Words of the code, not of the name. A word slice of a name (`Type` of `PaymentType`) is read in
 * a member's text wherever it stands on a word boundary, and so `DataType`, imported from
 * sequelize-typescript, reads as `Data{{pascalCase (lastWord name)}}` in PaymentType's entity; a new
 * member `Payment` would then import a `DataPayment`. Where another member writes the same
 * identifier without its own name in it (ProductOrder's entity imports `DataType` too), the
 * identifier is the code's vocabulary, and the slice is no reading of the name (`StatusValues` in
 * OrderStatus alone stays `{{pascalCase (lastWord name)}}Values`). Nor is an HTTP verb in capitals
 * (`DELETE` in DeleteAccount's route): it is the request's method.
 */
import type { Occurrence } from './variants.js';

const IDENTIFIER = /[\p{L}\p{N}_$]+/gu;
const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;
/** HTTP methods, any case (`method` params are named by them, see valueHint in registry.ts). */
export const HTTP_METHOD = /^(?:get|post|put|patch|delete|head|options)$/iu;
/** An HTTP verb in capitals: a request's method (`swagger:route DELETE /accounts`), never a word of a name. */
export const isHttpVerb = (text: string): boolean => text === text.toUpperCase() && HTTP_METHOD.test(text);

/** A member's texts as read: each with the occurrences of its name found there. */
export interface Reading {
  readonly content: string;
  readonly occurrences: readonly Occurrence[];
}

/** An occurrence that reads only a word slice of the name (`Type` of `PaymentType`), never the whole. */
const isSliceOnly = (occurrence: Occurrence): boolean => occurrence.forms.length > 0 && occurrence.forms.every((form) => form.slice !== undefined);

/** The identifiers in `reading` that no occurrence of the member's name touches. */
function literalIdentifiers(reading: Reading, into: Set<string>): void {
  const occurrences = reading.occurrences;
  let next = 0;
  for (const match of reading.content.matchAll(IDENTIFIER)) {
    const start = match.index;
    const end = start + match[0].length;
    while (next < occurrences.length && (occurrences[next]?.end ?? 0) <= start) next++;
    const touched = next < occurrences.length && (occurrences[next]?.start ?? Infinity) < end;
    if (!touched) into.add(match[0]);
  }
}

/** The whole identifier an occurrence stands in. */
function identifierAround(content: string, occurrence: Occurrence): string {
  let start = occurrence.start;
  let end = occurrence.end;
  while (start > 0 && IDENTIFIER_CHAR.test(content[start - 1] ?? '')) start--;
  while (end < content.length && IDENTIFIER_CHAR.test(content[end] ?? '')) end++;
  return content.slice(start, end);
}

/**
 * For each member, a filter of its occurrences that drops the word slices standing in an
 * identifier another member writes literally. Read from every member's texts (`readings[m]`, one
 * per file) before any is filtered.
 */
export function vocabularyFilters(readings: ReadonlyArray<readonly Reading[]>): Array<(content: string, occurrences: readonly Occurrence[]) => Occurrence[]> {
  // Read once, and only when a slice is in question: most families read none (one-word names), and
  // scanning every identifier of a few megabytes is not free.
  let literals: Array<Set<string>> | undefined;
  const literalsOf = () =>
    (literals ??= readings.map((files) => {
      const set = new Set<string>();
      for (const reading of files) literalIdentifiers(reading, set);
      return set;
    }));
  return readings.map((_, m) => {
    const elsewhere = (identifier: string) => literalsOf().some((set, k) => k !== m && set.has(identifier));
    return (content, occurrences) =>
      occurrences.filter((occurrence) => {
        if (!isSliceOnly(occurrence)) return true;
        // Whichever name it starts: `Delete` of DeleteAccount reads `delete` elsewhere.
        if (isHttpVerb(occurrence.text)) return false;
        // A word that is the slice alone (`user`, `backup`) is as often prose as code: another
        // member writing it says little (a copied comment, a help text), and the alignment weighs
        // such words line by line. Only the longer identifier is the code's own.
        const identifier = identifierAround(content, occurrence);
        return identifier === occurrence.text || !elsewhere(identifier);
      });
  });
}

/** A member's file paths, below where its name is looked for (`from`), each with its name's occurrences. */
export interface PathReading {
  readonly path: string;
  readonly from: number;
  readonly occurrences: readonly Occurrence[];
}

/** The path segment (folder or file name) a position of `path` is in. */
function segmentAround(path: string, at: number): string {
  const start = path.lastIndexOf('/', at - 1) + 1;
  const end = path.indexOf('/', at);
  return path.slice(start, end < 0 ? path.length : end);
}

/**
 * For each member, its path occurrences without the word slices standing in a folder or file name
 * another member has as it is: beside `order-service/service.yaml` and `user-service/service.yaml`,
 * `api-gateway/service.yaml` says the file is `service.yaml` in every member, not the last word of
 * the name (a new `WebFrontend` gets `service.yaml` too, not `frontend.yaml`).
 */
export function pathVocabulary(readings: ReadonlyArray<readonly PathReading[]>): Occurrence[][][] {
  const literalSegments = readings.map((files) => {
    const set = new Set<string>();
    for (const { path, from, occurrences } of files) {
      let at = from;
      for (const segment of path.slice(from).split('/')) {
        const end = at + segment.length;
        if (!occurrences.some((occurrence) => occurrence.start < end && occurrence.end > at)) set.add(segment);
        at = end + 1;
      }
    }
    return set;
  });
  return readings.map((files, m) =>
    files.map(({ path, occurrences }) =>
      occurrences.filter((occurrence) => {
        if (!isSliceOnly(occurrence)) return true;
        const segment = segmentAround(path, occurrence.start);
        return !literalSegments.some((set, k) => k !== m && set.has(segment));
      }),
    ),
  );
}
