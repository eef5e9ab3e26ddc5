/**
 * Content handling: the text conventions of an existing file (CRLF, BOM) carried over to its new
 * content, and iteration over content of any shape as byte chunks.
 */
import type { Content } from './changes.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface TextConventions {
  readonly crlf: boolean;
  readonly bom: boolean;
}

/** Reads the conventions of an existing file from its first bytes. */
export function detectConventions(head: Uint8Array): TextConventions {
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  let crlf = 0;
  let lf = 0;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    if (i > 0 && bytes[i - 1] === 0x0d) crlf += 1;
    else {
      lf += 1; // one bare LF is enough to know the file does not use CRLF throughout
      break;
    }
  }
  return { crlf: crlf > 0 && lf === 0, bom };
}

/**
 * Applies an existing file's conventions to new text: LF becomes CRLF where the file used CRLF
 * throughout and the new text uses LF throughout (never a mix), and the BOM is kept.
 */
export function applyConventions(text: string, conventions: TextConventions, keep: { eol: boolean; bom: boolean }): string {
  let result = text;
  if (keep.eol && conventions.crlf && !result.includes('\r\n')) result = result.replaceAll('\n', '\r\n');
  if (keep.bom && conventions.bom && !result.startsWith('\uFEFF')) result = `\uFEFF${result}`;
  return result;
}

export const hasBom = (bytes: Uint8Array): boolean => bytes.length >= 3 && BOM.equals(bytes.subarray(0, 3));

/** Content as a sequence of byte chunks, without reading a stream ahead. */
export async function* chunksOf(content: Content): AsyncIterable<Uint8Array> {
  if (typeof content === 'string') {
    yield Buffer.from(content);
    return;
  }
  if (content instanceof Uint8Array) {
    yield content;
    return;
  }
  for await (const chunk of content as AsyncIterable<string | Uint8Array>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
}
