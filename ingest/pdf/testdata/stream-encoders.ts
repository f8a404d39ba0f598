// PDF stream encoders for building test and fuzz inputs: the inverse of the decoders in
// ../stream-filters.ts, so a font program can be planted under any filter pdf.js reads.
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

export function asciiHex(bytes: Uint8Array): Uint8Array {
  return latin1(`${Buffer.from(bytes).toString('hex').replace(/(.{64})/g, '$1\n')}>`);
}

export function ascii85(bytes: Uint8Array): Uint8Array {
  let out = '';
  for (let at = 0; at < bytes.length; at += 4) {
    const group = new Uint8Array(4);
    group.set(bytes.subarray(at, at + 4));
    let value = Buffer.from(group).readUInt32BE(0);
    const length = Math.min(4, bytes.length - at);
    if (value === 0 && length === 4) {
      out += 'z';
      continue;
    }
    const chars: string[] = [];
    for (let i = 0; i < 5; i++) {
      chars.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += chars.slice(0, length + 1).join('');
  }
  return latin1(`${out}~>`);
}

export function runLength(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 128) {
    const run = bytes.subarray(at, at + 128);
    parts.push(new Uint8Array([run.length - 1]), run);
  }
  parts.push(new Uint8Array([128]));
  return new Uint8Array(Buffer.concat(parts));
}

/** Rows of `columns` bytes behind a PNG filter byte: None, or Sub (each byte less the one before). */
export function pngPredicted(bytes: Uint8Array, columns: number, sub = false): Uint8Array {
  const rows = Math.ceil(bytes.length / columns);
  const out = new Uint8Array(rows * (columns + 1));
  for (let row = 0; row < rows; row++) {
    out[row * (columns + 1)] = sub ? 1 : 0;
    for (let i = 0; i < columns; i++) {
      const value = bytes[row * columns + i] ?? 0;
      const left = i > 0 ? (bytes[row * columns + i - 1] ?? 0) : 0;
      out[row * (columns + 1) + 1 + i] = sub ? (value - left) & 0xff : value;
    }
  }
  return out;
}
