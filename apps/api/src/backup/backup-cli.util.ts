import { isAbsolute, resolve } from 'node:path';

/**
 * A path typed at `pnpm db:backup <file>` is relative to where the user stood: pnpm runs the script
 * in apps/api but passes that directory as INIT_CWD.
 */
export function userPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** `red-butler-20261204T141647Z.tar`: sorts by time, no characters a file system dislikes. */
export function defaultBackupName(now = new Date()): string {
  return `red-butler-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar`;
}

export function failAndExit(what: string, error: unknown): never {
  console.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
