/** What the template build reads off a run of tokens or a line: its text, and whether it holds the name. */
import type { Line, Token } from './tokenize.js';

/** The text of a run of tokens, as written. */
export const tokensText = (tokens: readonly Token[]): string => tokens.map((token) => token.text).join('');

/** The text of a run of tokens with every occurrence of the name a space: what words around it say. */
export const literalText = (tokens: readonly Token[]): string =>
  tokens.map((token) => token.parts.map((part) => (typeof part === 'string' ? part : ' ')).join('')).join('');

/** A token holding no part of the name. */
export const isPlain = (token: Token): boolean => token.parts.every((part) => typeof part === 'string');
/** Tokens holding a part of the name somewhere. */
export const hasName = (tokens: readonly Token[]): boolean => tokens.some((token) => !isPlain(token));

/** A line's first word with the indent before it (`    case`): lines of one list open alike. */
export const openingWord = (line: Line | undefined): string | undefined => (line === undefined ? undefined : /^\s*[^\s]+/u.exec(line.text)?.[0]);
