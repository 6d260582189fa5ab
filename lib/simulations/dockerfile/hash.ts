/**
 * The model's checksums: FNV-1a (64-bit via two 32-bit halves), hex. Deterministic and
 * fast; it stands in for the sha256 Docker uses, since the model only compares them.
 */
export function checksum(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x01000193 + 2) >>> 0;
    }
    // A separator so ("ab","c") and ("a","bc") differ.
    h1 = Math.imul(h1 ^ 0xff, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ 0xfe, 0x01000193 + 2) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
