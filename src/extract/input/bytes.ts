// A file's bytes as text: a BOM dropped, binary files and invalid UTF-8 refused with the byte at
// fault, and an HTML page's declared character set honoured.

export type Decoded = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The offset of the first byte that is not part of well-formed UTF-8; -1 when all are. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The lead byte says how many continuation bytes follow, and the range of the second one
    // (which excludes overlong forms, surrogates and code points above U+10FFFF).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The character set an HTML page declares in a meta element of its first 1024 bytes. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function utf8(bytes: Uint8Array): Decoded {
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    return {
      ok: false,
      reason: `is not UTF-8 text: the byte at offset ${bad} (0x${bytes[bad]!.toString(16).padStart(2, '0')}) is not valid UTF-8; save the file as UTF-8`,
    };
  }
  const bom = startsWith(bytes, UTF8_BOM);
  return { ok: true, text: Buffer.from(bytes.subarray(bom ? 3 : 0)).toString('utf8'), bom };
}

/**
 * The text of a file's bytes. Text files must be UTF-8; an HTML page may declare another
 * character set (windows-1252, say) that the platform's TextDecoder knows.
 */
export function decode(bytes: Uint8Array, options: { html?: boolean } = {}): Decoded {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      ok: false,
      reason: 'is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8',
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      ok: false,
      reason: `is not text: it holds a NUL byte at offset ${nul} (a binary file?)`,
    };
  }
  if (options.html && !startsWith(bytes, UTF8_BOM)) {
    const charset = declaredCharset(bytes);
    if (charset) {
      let decoder: TextDecoder | null = null;
      try {
        decoder = new TextDecoder(charset);
      } catch {
        // An unknown label: read it as UTF-8, which refuses it if it is not.
      }
      // A page read this far is ASCII-compatible, so a declared UTF-16 means UTF-8 (as in the
      // HTML standard).
      if (decoder && decoder.encoding !== 'utf-8' && !decoder.encoding.startsWith('utf-16')) {
        return { ok: true, text: decoder.decode(bytes), bom: false };
      }
    }
  }
  return utf8(bytes);
}
