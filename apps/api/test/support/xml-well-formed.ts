/**
 * Whether a document is well-formed XML 1.0 in the subset our feeds write (a declaration, elements
 * without attributes, text, character and the five predefined entity references): every character
 * allowed by the XML Char production, every `&` a valid reference to an allowed character, every
 * tag closed in order, one root. Returns the first problem, or null. A strict reader (Java's SAX,
 * libxml2) refuses a document on exactly these points.
 */
export function xmlProblem(xml: string): string | null {
  const invalid = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (invalid) return `character U+${invalid[0].codePointAt(0)?.toString(16).toUpperCase()} at ${invalid.index}`;
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>/.exec(xml);
  if (!declaration) return 'no XML declaration';
  const stack: string[] = [];
  let roots = 0;
  const token = /<\/([A-Za-z_][\w.-]*)>|<([A-Za-z_][\w.-]*)(\/?)>|&(#\d+|#x[0-9A-Fa-f]+|lt|gt|amp|quot|apos);|([<&])|[^<&]+/gy;
  token.lastIndex = declaration[0].length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const m = token.exec(xml);
    if (!m) return `unreadable at ${at}`;
    if (m[5]) return `stray ${m[5]} at ${at}`;
    if (m[1]) {
      if (stack.pop() !== m[1]) return `</${m[1]}> does not close the open element at ${at}`;
    } else if (m[2]) {
      if (stack.length === 0 && ++roots > 1) return `second root element at ${at}`;
      if (!m[3]) stack.push(m[2]);
    } else if (m[4]?.startsWith('#')) {
      const cp = m[4][1] === 'x' ? parseInt(m[4].slice(2), 16) : Number(m[4].slice(1));
      const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '\u0000';
      if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(ch)) return `reference to a character XML forbids at ${at}`;
    } else if (!m[4] && stack.length === 0 && m[0].trim() !== '') {
      return `text outside the root element at ${at}`;
    }
  }
  if (stack.length > 0) return `<${stack[stack.length - 1]}> is never closed`;
  return roots === 1 ? null : 'no root element';
}
