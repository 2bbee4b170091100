import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

export const DEVELOPMENT_JWT_SECRET = 'red-butler-development-secret-change-me';
const DEVELOPMENT_WECHAT = { WECHAT_APPID: 'wx-dev-appid', WECHAT_SECRET: 'wx-dev-secret' } as const;
/**
 * Secrets that have been published (this repository's defaults, old compose files, the example env
 * file): a token signed with one of them can be forged by anyone who reads the repository.
 */
const KNOWN_JWT_SECRETS = new Set([
  DEVELOPMENT_JWT_SECRET,
  'change-me-to-a-long-random-secret',
  'red-butler-demo-secret-not-for-production',
]);
const MIN_PRODUCTION_SECRET_LENGTH = 32;

// Anything but a yes/no word stays a string and fails @IsBoolean: `SWAGGER_ENABLED=ture` stops the
// boot with a message instead of silently meaning "off".
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  return value;
};
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

  /**
   * The longest a request (or job) waits for a PostgreSQL connection, new or from a busy pool; past
   * it the API answers 503 DATABASE_UNAVAILABLE instead of hanging.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DATABASE_CONNECT_TIMEOUT_MS = 3000;

  /**
   * statement_timeout of the API's sessions (0: none): no request holds a connection longer. The
   * worker and the CLIs (migrations, backup, report rebuild) are not bound by it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /**
   * A public demo (`docker-compose.demo.yml`): the explicit opt-in that lets a production build run
   * with demo accounts, passwordless login and the development WeChat values. Never set it where real
   * residents sign in.
   */
  @Transform(toBool)
  @IsBoolean()
  DEMO_MODE = false;

  /** Passwordless demo login; never on in production unless explicitly asked for. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  AUTH_DEV_LOGIN?: boolean;

  /**
   * Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. Unset: on, except in
   * production, where the full map of the API is not handed to every visitor unless asked for.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SWAGGER_ENABLED?: boolean;

  @IsString()
  @MinLength(16)
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 12 * 3600;

  /** Empty: WeChat login and pushes are off (an H5-only deployment). Production refuses the development values. */
  @IsString()
  WECHAT_APPID: string = DEVELOPMENT_WECHAT.WECHAT_APPID;

  @IsString()
  WECHAT_SECRET: string = DEVELOPMENT_WECHAT.WECHAT_SECRET;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  @IsString()
  UPLOAD_DIR = resolve(__dirname, '../../../../var/uploads');

  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Photos one user may upload in any 24 hours, and their stored bytes: a resident files a few reports
   * with up to 9 photos each, a handler photographs a day's jobs; a script, or a stolen token, cannot
   * fill the disk.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_DAILY_COUNT_PER_USER = 200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_DAILY_BYTES_PER_USER = 500 * 1024 * 1024;

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

  /** Login attempts per minute per IP, and per username (from any number of addresses). */
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

  /**
   * The address residents and 311 clients reach this deployment at, e.g. https://hgj.jinfeng.gov.cn
   * (a path prefix is allowed; no query). Absolute URLs the API hands out (Open311 discovery) are
   * built from it, never from X-Forwarded-Host, which any client can send. Unset: outside production
   * the request's own Host header; in production a root-relative path.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\/+$/, '') : value))
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @Matches(/^[^?#]*$/, { message: 'PUBLIC_BASE_URL must not contain a query or fragment' })
  PUBLIC_BASE_URL?: string;

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

  /** The 回访邀请 subscribe-message template (empty: no 回访 pushes). Exposed to the client for consent. */
  @IsString()
  WECHAT_SUBSCRIBE_TEMPLATE_ID = '';

  /** The 状态通知 subscribe-message template (empty: status notices stay in the in-app 消息 only). */
  @IsString()
  WECHAT_STATUS_TEMPLATE_ID = '';

  /** How long one subscribe send may take; past it the outcome is unknown and the notice is never resent. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WECHAT_SEND_TIMEOUT_MS = 5000;

  /** A claimed push ('sending') older than this was lost with its worker: the sweep marks it unknown. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  PUSH_CLAIM_LEASE_SECONDS = 120;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL: string = 'info';

  /**
   * The reverse proxies whose X-Forwarded-For is believed, comma-separated addresses, CIDRs or
   * proxy-addr names (`loopback`, `uniquelocal`). Empty: none — the peer address is the client, so no
   * client can pick its own IP for the per-IP limits by sending the header.
   */
  @IsString()
  TRUSTED_PROXIES = '';

  /** `json`: one JSON object per log line; `text`: Nest's readable lines; `auto`: json in production. */
  @IsIn(['auto', 'json', 'text'])
  LOG_FORMAT: 'auto' | 'json' | 'text' = 'auto';

  /** The API's Prometheus listener, apart from the public port (0: off). Never expose it publicly. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** The worker's own listener for GET /health (liveness) and GET /metrics (0: off). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @IsString()
  WORKER_HEALTH_HOST = '127.0.0.1';

  get swaggerEnabled(): boolean {
    return this.SWAGGER_ENABLED ?? this.NODE_ENV !== 'production';
  }

  get devLoginEnabled(): boolean {
    return this.AUTH_DEV_LOGIN ?? (this.NODE_ENV !== 'production' || this.DEMO_MODE);
  }

  /** Production serving real people: every unsafe default is refused at boot. */
  get strictProduction(): boolean {
    return this.NODE_ENV === 'production' && !this.DEMO_MODE;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'AUTH_DEV_LOGIN', 'SWAGGER_ENABLED', 'PUBLIC_BASE_URL']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.strictProduction) {
    // Unset in production means "no WeChat", never the development stand-in values.
    for (const key of ['WECHAT_APPID', 'WECHAT_SECRET'] as const) if (raw[key] === undefined) config[key] = '';
  }
  const unsafe = productionProblems(config, raw);
  if (unsafe.length > 0) {
    throw new Error(`Refusing to start in production with unsafe settings (DEMO_MODE=true is the opt-in for a public demo):\n${unsafe.map((l) => `  ${l}`).join('\n')}`);
  }
  return config;
}

/** What makes a production process unsafe to expose; empty when it may start. */
function productionProblems(config: AppConfig, raw: Record<string, unknown>): string[] {
  if (!config.strictProduction) return [];
  const problems: string[] = [];
  if (raw.JWT_SECRET === undefined) problems.push('JWT_SECRET: must be set in production (e.g. `openssl rand -base64 48`)');
  else if (config.JWT_SECRET.length < MIN_PRODUCTION_SECRET_LENGTH) problems.push(`JWT_SECRET: must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
  else if (KNOWN_JWT_SECRETS.has(config.JWT_SECRET) || /change-?me/i.test(config.JWT_SECRET)) problems.push('JWT_SECRET: a published example value; generate a new secret');
  if (config.AUTH_DEV_LOGIN) problems.push('AUTH_DEV_LOGIN: passwordless login cannot be on in production');
  for (const key of ['WECHAT_APPID', 'WECHAT_SECRET'] as const) {
    if (config[key] === DEVELOPMENT_WECHAT[key]) problems.push(`${key}: the development value; set the mini-program's real ${key === 'WECHAT_APPID' ? 'AppID' : 'AppSecret'} or leave it unset`);
  }
  return problems;
}
