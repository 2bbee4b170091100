import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value !== '' ? Number(value) : value);

/**
 * Every setting the API and worker read, validated once at boot: a typo in production must stop
 * the process with a clear message, not surface later as a 500. Defaults suit a developer machine
 * of this project (local Postgres with trust auth, local Redis).
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Passwordless demo login; never on in production unless explicitly asked for. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  AUTH_DEV_LOGIN?: boolean;

  @IsString()
  @MinLength(16)
  JWT_SECRET = 'red-butler-development-secret-change-me';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 12 * 3600;

  @IsString()
  WECHAT_APPID = 'wx-dev-appid';

  @IsString()
  WECHAT_SECRET = 'wx-dev-secret';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  @IsString()
  UPLOAD_DIR = resolve(__dirname, '../../../../var/uploads');

  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** Requests per minute per user (or per IP before login). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Tickets a single user may file per minute (a resident does not need more). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REPORTS_PER_MINUTE = 20;

  /** Login attempts per minute per IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 20;

  /**
   * Where rate-limit windows live in Redis, so that every API process behind a balancer counts
   * against the same limit. Tests give each app its own prefix.
   */
  @IsString()
  @MinLength(1)
  RATE_LIMIT_PREFIX = 'rb:rate:';

  /** Service requests one Open311 API key may file per minute (a city's 311 client files for many residents). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OPEN311_POSTS_PER_MINUTE = 60;

  /** How often the deadline sweep looks for due rows, and how far ahead it queues them. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SWEEP_HORIZON_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SWEEP_BATCH = 5000;

  /** How often the workers fold changed tickets into the report rollups: the reports' lag behind live data. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  REPORT_ROLLUP_INTERVAL_MS = 5000;

  /**
   * Fold waiting changes into the rollups (one drain batch) before each SLA report, so the answer is
   * current without a worker. Off in production (the worker drains); on in the API tests.
   */
  @Transform(toBool)
  @IsBoolean()
  REPORT_DRAIN_ON_READ = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 16;

  /** The subscribe-message template residents agreed to receive (empty: no WeChat pushes). */
  @IsString()
  WECHAT_SUBSCRIBE_TEMPLATE_ID = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL: string = 'info';

  get devLoginEnabled(): boolean {
    return this.AUTH_DEV_LOGIN ?? this.NODE_ENV !== 'production';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'AUTH_DEV_LOGIN']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === new AppConfig().JWT_SECRET) {
    throw new Error('Invalid configuration:\n  JWT_SECRET: must be set in production');
  }
  return config;
}
