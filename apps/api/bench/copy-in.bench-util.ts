/**
 * `COPY … FROM STDIN` over a plain `pg` client, without pg-copy-streams (not a dependency): a
 * custom submittable that answers the server's CopyInResponse by streaming the given chunks as
 * CopyData, honouring the socket's back-pressure, then CopyDone. Resolves with the row count.
 */
import { once } from 'node:events';
import type { Client } from 'pg';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyFromStdin {
  private error: Error | null = null;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly source: Iterable<string> | AsyncIterable<string>,
    private readonly done: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    this.pump(connection).catch((error: unknown) => connection.sendCopyFail(String(error)));
  }

  private async pump(connection: CopyConnection): Promise<void> {
    for await (const chunk of this.source) {
      // The server rejected a row: it has left copy mode, so what is left is not sent.
      if (this.error) return;
      connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
      if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rows = Number(/^COPY (\d+)/.exec(message.text ?? '')?.[1] ?? 0);
  }

  handleError(error: Error): void {
    this.error = error;
  }

  handleReadyForQuery(): void {
    this.done(this.error, this.rows);
  }

  // Messages a COPY FROM never gets; pg calls them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

export function copyIn(client: Client, text: string, source: Iterable<string> | AsyncIterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const submittable = new CopyFromStdin(text, source, (error, rows) => (error ? reject(error) : resolve(rows)));
    // pg accepts any object with submit(); its typings only know its own Query classes.
    (client as unknown as { query(q: unknown): unknown }).query(submittable);
  });
}

/** One COPY text-format field: backslash, tab and newline escaped; null as \N. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
