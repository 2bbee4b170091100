import { Client, Query, type ClientConfig, type Connection, type QueryResult } from 'pg';

/**
 * Put this in a query's text to have it planned for its values every time, never as a prepared
 * statement: for queries whose best plan depends on the value (a keyword search, where a rare word
 * and a common one want different plans).
 */
export const CUSTOM_PLAN = '/* custom plan */';

/** Prepared statements kept per connection; the least recently used one is deallocated beyond it. */
export const MAX_PREPARED_STATEMENTS = 200;

/**
 * A table under a prepared `SELECT t.*` changed its columns. The code alone (feature_not_supported)
 * also covers errors of the statement itself, which must not be retried: the message tells them apart.
 */
const resultTypeChanged = (error: Error) =>
  (error as { code?: string }).code === '0A000' && error.message === 'cached plan must not change result type';

/** A query that notes whether the session was inside a transaction when it was sent. */
class NotedQuery extends Query {
  sentOutsideTransaction = false;

  constructor(
    private readonly client: PreparingClient,
    config: { name: string; text: string; values: unknown[] },
    callback: (error: Error | undefined, result: QueryResult) => void,
  ) {
    super(config, callback as never);
    const submit = this.submit;
    this.submit = (connection: Connection) => {
      this.sentOutsideTransaction = this.client.idle;
      return submit.call(this, connection);
    };
  }
}

/**
 * The pool's connection (`extra.Client`): every query with parameters becomes a named prepared
 * statement on its connection, parsed once and planned from the cached plan. Why: the reads people
 * make most spend more time being parsed and planned than run — a ticket's detail makes six
 * queries, and one of them (a nine-table join, its appeals) took 2–7 ms to plan and 0.04 ms to run
 * (issue #14). PostgreSQL decides per statement, after five runs, whether a generic plan is as good
 * as planning for the values (plan_cache_mode auto); CUSTOM_PLAN opts a query out entirely.
 *
 * A statement prepared before a migration changed its table's columns fails once with 0A000; it
 * is then deallocated, and run again if it was sent outside a transaction (inside one, the
 * transaction is already aborted, so the error goes to the caller, whose request fails once).
 */
export class PreparingClient extends Client {
  /** Query text → statement name, least recently used first. */
  private readonly statements = new Map<string, string>();
  private nextName = 0;
  /** Forgotten here, still to be deallocated on the server. */
  private readonly stale: string[] = [];
  private transactionStatus = 'I';

  constructor(config?: string | ClientConfig) {
    super(config);
    // ReadyForQuery carries the session's transaction status: I idle, T in a transaction, E failed.
    (this.connection as unknown as NodeJS.EventEmitter).on('readyForQuery', (msg: { status: string }) => {
      this.transactionStatus = msg.status;
    });
  }

  get idle(): boolean {
    return this.transactionStatus === 'I';
  }

  /** How many statements this connection has prepared (for tests). */
  get preparedCount(): number {
    return this.statements.size;
  }

  // pg's overloads (text, config object, Submittable; promise or callback) pass through unchanged;
  // only the form TypeORM uses — text with an array of values, no callback — is prepared.
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || text.includes(CUSTOM_PLAN)) {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    return this.runPrepared(text, values, true) as never;
  }

  private async runPrepared(text: string, values: unknown[], mayRetry: boolean): Promise<QueryResult> {
    const name = this.nameFor(text);
    if (this.stale.length > 0) {
      // Before the next statement, not beside one: pg only queues a query behind another under protest.
      await (super.query(this.stale.splice(0).map((n) => `DEALLOCATE ${n}`).join('; ')) as Promise<unknown>).catch(() => undefined);
    }
    return new Promise<QueryResult>((resolve, reject) => {
      const query: NotedQuery = new NotedQuery(this, { name, text, values }, (error, result) => {
        if (!error) return resolve(result);
        if (resultTypeChanged(error) && this.statements.get(text) === name) {
          this.forget(text, name);
          if (mayRetry && query.sentOutsideTransaction) return resolve(this.runPrepared(text, values, false));
        }
        Error.captureStackTrace(error);
        reject(error);
      });
      super.query(query);
    });
  }

  private nameFor(text: string): string {
    const known = this.statements.get(text);
    if (known !== undefined) {
      this.statements.delete(text);
      this.statements.set(text, known);
      return known;
    }
    if (this.statements.size >= MAX_PREPARED_STATEMENTS) {
      const [oldText, oldName] = this.statements.entries().next().value as [string, string];
      this.forget(oldText, oldName);
    }
    const name = `rb${++this.nextName}`;
    this.statements.set(text, name);
    return name;
  }

  /**
   * Drops a statement here, and on the server just before the next prepared query. Only statements
   * the server confirmed are deallocated, so the DEALLOCATE cannot fail inside a healthy transaction;
   * in an aborted one it fails with everything else, leaving at worst an unused statement behind
   * (names are never reused).
   */
  private forget(text: string, name: string): void {
    this.statements.delete(text);
    const connection = this.connection as unknown as { parsedStatements: Record<string, string> };
    if (connection.parsedStatements[name] === undefined) return;
    delete connection.parsedStatements[name];
    this.stale.push(name);
  }
}
