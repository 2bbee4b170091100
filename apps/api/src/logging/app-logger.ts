import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { requestContext } from './request-context';

/** A log call with fields: `logger.log({ msg: 'request', method, route, status })`. */
export interface LogFields {
  msg: string;
  [field: string]: unknown;
}

function isFields(message: unknown): message is LogFields {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && typeof (message as LogFields).msg === 'string';
}

export function logsAsJson(config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>): boolean {
  return config.LOG_FORMAT === 'json' || (config.LOG_FORMAT === 'auto' && config.NODE_ENV === 'production');
}

function levelsFor(level: string): LogLevel[] {
  const levels: LogLevel[] = ['fatal', 'error'];
  if (level === 'error' || level === 'fatal') return levels;
  levels.push('warn');
  if (level === 'info') levels.push('log');
  if (level === 'debug') levels.push('log', 'debug', 'verbose');
  return levels;
}

/**
 * Nest's console logger, plus the request (or job) the line belongs to. In JSON mode a line is one
 * object: `{level, pid, timestamp, message, context, requestId, userId, jobId, ...fields}`.
 */
export class AppLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown }) {
    const fields = isFields(message) ? message : undefined;
    const line: ReturnType<ConsoleLogger['getJsonLogObject']> & Record<string, unknown> = super.getJsonLogObject(fields ? fields.msg : message, options);
    const ctx = requestContext();
    if (ctx?.requestId) line.requestId = ctx.requestId;
    const userId = ctx?.userId?.();
    if (userId !== undefined) line.userId = userId;
    if (ctx?.jobId) line.jobId = ctx.jobId;
    if (fields) for (const [key, value] of Object.entries(fields)) if (key !== 'msg' && value !== undefined) line[key] = value;
    return line;
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    if (!isFields(message)) return super.stringifyMessage(message, logLevel) as string;
    const rest = Object.entries(message).filter(([key, value]) => key !== 'msg' && value !== undefined);
    return super.stringifyMessage(`${message.msg}${rest.map(([k, v]) => ` ${k}=${String(v)}`).join('')}`, logLevel) as string;
  }

  protected override formatContext(context: string): string {
    const id = requestContext()?.requestId;
    return super.formatContext(context) + (id ? `(req ${id}) ` : '');
  }
}

/**
 * The logger for NestFactory: `false` when LOG_LEVEL=silent. `alwaysLog`: the worker prints its
 * `log` lines (boot, job outcomes) whatever LOG_LEVEL says, as it always has; the bench waits for them.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV' | 'LOG_LEVEL'>, options: { alwaysLog?: boolean } = {}): AppLogger | false {
  if (config.LOG_LEVEL === 'silent') return false;
  const json = logsAsJson(config);
  const levels = levelsFor(config.LOG_LEVEL);
  if (options.alwaysLog) for (const l of ['warn', 'log'] as const) if (!levels.includes(l)) levels.push(l);
  return new AppLogger({ json, colors: !json && process.stdout.isTTY === true, logLevels: levels });
}

/** A boot failure, before (or without) a logger: still one JSON line when the process logs JSON. */
export function logFatal(error: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const json = env.LOG_FORMAT === 'json' || ((env.LOG_FORMAT ?? 'auto') === 'auto' && env.NODE_ENV === 'production');
  if (!json) {
    console.error(error);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', pid: process.pid, timestamp: Date.now(), message, stack })}\n`);
}
