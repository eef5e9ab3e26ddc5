/**
 * Bytes as text, or undefined when they are binary: a NUL in the first 8000 bytes (git's own test)
 * or bytes that are not UTF-8. `keepByteOrderMark`: a leading byte-order mark stays in the text (a
 * file's bytes to reproduce exactly); by default it is dropped, as a reader shows text.
 */
export function decodeText(bytes: Uint8Array, options: { readonly keepByteOrderMark?: boolean } = {}): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return (options.keepByteOrderMark === true ? UTF8_WITH_BOM : UTF8).decode(bytes);
  } catch {
    return undefined;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_WITH_BOM = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Strings in code-unit order (what `<` says), for sorts that must not depend on the locale:
 * `localeCompare` orders `Z` and `a` differently on different machines, and a mined template
 * must be the same everywhere.
 */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Spaces and tabs only: layout (the gap after a key aligned with longer ones), not content. */
export const isSpaces = (text: string): boolean => /^[ \t]*$/u.test(text);

/** Text written so that a regular expression matches it as it is. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
