import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApiRedis } from '../admin/redis.provider';
import { AppConfig } from '../config/app-config';

/** Password checks one (username, client IP) pair gets before it is locked out. */
export const PAIR_MAX_ATTEMPTS = 5;
/** How long the pair stays locked, counted from its last admitted attempt. */
export const PAIR_LOCK_MS = 15 * 60_000;
/** Password checks an account gets from all addresses together before each one has to wait its turn. */
export const ACCOUNT_FREE_ATTEMPTS = 10;
/** Past the free attempts the account admits one check per delay: 1 s, 2 s, 4 s … capped at 30 s. */
export const ACCOUNT_BACKOFF_BASE_MS = 1000;
export const ACCOUNT_BACKOFF_CAP_MS = 30_000;
/** The account-wide count is forgotten this long after its last admitted attempt. */
export const ACCOUNT_WINDOW_MS = 15 * 60_000;

export type LoginAdmission = { admitted: true } | { admitted: false; reason: 'locked' | 'throttled'; retryAfterMs: number };

/**
 * Counts the attempt BEFORE the password is hashed, in one atomic script, so that a burst of
 * concurrent guesses is cut off at the limit instead of all being checked. KEYS: the pair's attempt
 * count, the account's attempt count, the account's back-off gate. Refused attempts are not counted:
 * a victim retrying during the back-off does not lock their own pair.
 */
const ADMIT = `local pairMax = tonumber(ARGV[1])
local pair = redis.call('INCR', KEYS[1])
if pair > pairMax then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return {1, ttl}
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local n = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
local free = tonumber(ARGV[3])
if n > free then
  local gate = redis.call('PTTL', KEYS[3])
  if gate > 0 then
    redis.call('DECR', KEYS[1])
    redis.call('DECR', KEYS[2])
    return {2, gate}
  end
  local delay = math.min(tonumber(ARGV[4]) * 2 ^ (n - free - 1), tonumber(ARGV[5]))
  redis.call('SET', KEYS[3], '1', 'PX', math.floor(delay))
end
return {0, 0}`;

/** A success clears the pair and takes its own attempt off the account count (it was not a failure). */
const SUCCEEDED = `redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 0`;

const REDIS_BUDGET_MS = 250;

/**
 * Password guessing limits (issue #11; see docs/decisions.md, "Login lockout"):
 * - per (username, client IP): 5 checks, then that pair is locked for 15 minutes — the attacker is
 *   stopped, the victim signing in from elsewhere is not;
 * - per username across all addresses: 10 checks, then one check per back-off delay (1 s doubling to
 *   30 s), so a guesser with many addresses still gets only ~2 guesses a minute, and the real user
 *   waits seconds, never 15 minutes.
 * Keyed by the username as typed, known or not, so an unknown name behaves exactly like a real one.
 * The counts live in Redis (several API processes share them); if Redis is away they are kept in
 * this process's memory, like the rate limits.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly memory = new Map<string, { n: number; expiresAt: number }>();
  private warned = false;

  constructor(
    private readonly redis: ApiRedis,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async admit(username: string, ip: string): Promise<LoginAdmission> {
    const keys = this.keys(username, ip);
    const args = [PAIR_MAX_ATTEMPTS, PAIR_LOCK_MS, ACCOUNT_FREE_ATTEMPTS, ACCOUNT_BACKOFF_BASE_MS, ACCOUNT_BACKOFF_CAP_MS, ACCOUNT_WINDOW_MS];
    const reply = await this.run(ADMIT, keys, args, () => this.admitInMemory(keys));
    const [verdict, ttl] = reply.map(Number);
    if (verdict === 0) return { admitted: true };
    return { admitted: false, reason: verdict === 1 ? 'locked' : 'throttled', retryAfterMs: ttl };
  }

  async succeeded(username: string, ip: string): Promise<void> {
    const keys = this.keys(username, ip);
    await this.run(SUCCEEDED, keys.slice(0, 2), [], () => {
      this.memory.delete(keys[0]);
      const account = this.memory.get(keys[1]);
      if (account && account.n > 0) account.n -= 1;
      return [0];
    });
  }

  private keys(username: string, ip: string): [string, string, string] {
    // Hashed: a username is user input of any shape; the key stays short and printable.
    const u = createHash('sha256').update(username).digest('hex').slice(0, 32);
    const prefix = `${this.config.RATE_LIMIT_PREFIX}login:`;
    return [`${prefix}pair:${u}:${ip}`, `${prefix}account:${u}`, `${prefix}gate:${u}`];
  }

  private async run(script: string, keys: string[], args: number[], fallback: () => number[]): Promise<number[]> {
    try {
      const client = await this.redis.connected();
      let timer: NodeJS.Timeout | undefined;
      const reply = (await Promise.race([
        client.eval(script, keys.length, ...keys, ...args),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('login throttle store timed out')), REDIS_BUDGET_MS);
        }),
      ]).finally(() => clearTimeout(timer))) as number[] | number;
      this.warned = false;
      return Array.isArray(reply) ? reply : [reply];
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`login limits fall back to this process's memory: ${(error as Error).message}`);
      }
      return fallback();
    }
  }

  /** The ADMIT script over a Map, for while Redis is away (single-threaded, hence atomic too). */
  private admitInMemory([pairKey, accountKey, gateKey]: [string, string, string]): number[] {
    const now = Date.now();
    const live = (key: string) => {
      const e = this.memory.get(key);
      if (e && e.expiresAt > now) return e;
      this.memory.delete(key);
      return undefined;
    };
    if (this.memory.size > 100_000) for (const key of [...this.memory.keys()]) live(key);
    const pair = live(pairKey) ?? { n: 0, expiresAt: now + PAIR_LOCK_MS };
    pair.n += 1;
    this.memory.set(pairKey, pair);
    if (pair.n > PAIR_MAX_ATTEMPTS) return [1, pair.expiresAt - now];
    pair.expiresAt = now + PAIR_LOCK_MS;
    const account = live(accountKey) ?? { n: 0, expiresAt: 0 };
    account.n += 1;
    account.expiresAt = now + ACCOUNT_WINDOW_MS;
    this.memory.set(accountKey, account);
    if (account.n > ACCOUNT_FREE_ATTEMPTS) {
      const gate = live(gateKey);
      if (gate) {
        pair.n -= 1;
        account.n -= 1;
        return [2, gate.expiresAt - now];
      }
      const delay = Math.min(ACCOUNT_BACKOFF_BASE_MS * 2 ** (account.n - ACCOUNT_FREE_ATTEMPTS - 1), ACCOUNT_BACKOFF_CAP_MS);
      this.memory.set(gateKey, { n: 1, expiresAt: now + delay });
    }
    return [0, 0];
  }
}
