import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * api.types.ts must take the API's payloads from the generated OpenAPI types (api.generated.ts),
 * never copy them by hand (issue #11): no interface, no object type with fields, no hand-written
 * union of string literals. A client-only view type that really needs its own shape goes on the
 * allowlist below, with the reason in a comment next to it.
 */
const CLIENT_ONLY_TYPES: string[] = [];

const source = readFileSync(join(__dirname, 'api.types.ts'), 'utf8');
/** The declarations without comments and without the import lines. */
const code = source
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\/\/.*$/gm, '')
  .replace(/^import[\s\S]*?;$/gm, '');

/** Each top-level declaration (`export type X = …;`, `type X<…> = …;`, `interface X { … }`) with its name. */
function declarations(): Array<{ name: string; text: string }> {
  return code
    .split(/\n(?=(?:export\s+)?(?:type|interface)\s)/)
    .map((text) => ({ name: /(?:type|interface)\s+(\w+)/.exec(text)?.[1] ?? '', text: text.trim() }))
    .filter((d) => d.name);
}

describe('api.types.ts', () => {
  it('imports the generated OpenAPI types', () => {
    expect(source).toMatch(/from '\.\/api\.generated'/);
  });

  it('declares no payload shape by hand', () => {
    const handWritten = declarations()
      .filter((d) => !CLIENT_ONLY_TYPES.includes(d.name))
      .filter((d) => /^(export\s+)?interface\s/.test(d.text) || /[{;,]\s*\w+\??\s*:/.test(d.text) || /'[^']*'\s*\|/.test(d.text))
      .map((d) => d.name);
    expect(handWritten).toEqual([]);
  });

  it('finds the declarations it checks', () => {
    // Guards the test itself: a parser that saw nothing would pass the check above.
    expect(declarations().map((d) => d.name)).toEqual(expect.arrayContaining(['TicketDetail', 'SlaReport', 'QuarterRanking', 'NewTicket']));
  });
});
