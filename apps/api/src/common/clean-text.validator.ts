import { registerDecorator, type ValidationArguments } from 'class-validator';

export interface CleanTextOptions {
  /** Line breaks (\n, and \r of a CRLF) and tabs allowed: descriptions, notes, reasons, comments. */
  multiline?: boolean;
  /** An optional remark may be left blank; a required text (a description, a reason, a name) may not. */
  allowBlank?: boolean;
}

/**
 * C0 controls (U+0000–U+001F) other than the line breaks and tab of multi-line text, DEL, C1
 * controls (U+0080–U+009F), and Unicode noncharacters (U+FDD0–U+FDEF, U+FFFE/U+FFFF and their
 * counterparts in every plane). A BEL or an ANSI escape (`\u001b[31m`) in a description is never a
 * resident's words: it rings, recolours or clears the terminal of whoever reads the logs or an export.
 */
const ASTRAL_NONCHARACTERS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join('');
const FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufdd0-\\ufdef\\ufffe\\uffff${ASTRAL_NONCHARACTERS}]`, 'u');
const LINE_BREAKS = /[\t\n\r]/;

/** Why a text is refused (`must not be blank`, `must not contain control character U+0007`), or null. */
export function textProblem(value: string, opts: CleanTextOptions = {}): string | null {
  if (!opts.allowBlank && value.trim() === '') return 'must not be blank';
  const bad = FORBIDDEN.exec(value) ?? (opts.multiline ? null : LINE_BREAKS.exec(value));
  if (!bad) return null;
  const cp = bad[0].codePointAt(0) ?? 0;
  const code = cp.toString(16).toUpperCase().padStart(4, '0');
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe
    ? `must not contain the noncharacter U+${code}`
    : `must not contain control character U+${code}${opts.multiline ? '' : ' (one line, no tabs)'}`;
}

/**
 * For free text people type and other people read: not blank (unless `allowBlank`), no control
 * characters or noncharacters. Non-strings are left to `@IsString()`.
 */
export function IsCleanText(opts: CleanTextOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || textProblem(value, opts) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${typeof args?.value === 'string' ? textProblem(args.value, opts) : 'must be text'}`,
      },
    });
  };
}
