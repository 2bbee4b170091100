import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { rolesInScope } from '../access/ticket-scope';
import { loadNotice, noticeFacts } from '../supervision/notice-row';
import { canReadNotice } from '../supervision/supervision-scope';
import { ApiException } from '../common/api.exception';
import { AppConfig } from '../config/app-config';
import { scopeFacts, TICKET_SELECT, type TicketRow } from '../tickets/ticket-row';
import { photoUrl } from '../tickets/ticket.view';
import { attachmentVisible } from '../disclosures/attachment-visibility';
import { EXTENSIONS, sniffImage, type ImageType } from './image-sniff.util';
import { pdfProblem } from './pdf-check.util';
import { stripMetadata } from './strip-metadata.util';

const DAY_MS = 24 * 3600_000;
type StoredType = ImageType | 'application/pdf';

/** Photos not on any ticket this long after upload were abandoned (a report never sent): removed. */
export const UNATTACHED_RETENTION_MS = DAY_MS;

@Injectable()
export class UploadsService {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Strips and stores one photo. `clock` is for tests (they pass their own time); without it the time
   * is read once this user's lock is held, so the uploads that went first are never "in the future"
   * of the one that waited — which would leave them out of its 24 hours.
   */
  async store(actor: Actor, data: Buffer, clock?: Date) {
    const type: StoredType | null = sniffImage(data) ?? (data.toString('latin1', 0, 5) === '%PDF-' ? 'application/pdf' : null);
    if (!type) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'file: only JPEG, PNG and WebP photos or PDF documents are accepted');
    // A PDF (五公开 basis, 公示栏 receipts) is a document published as it is: checked, not rewritten.
    const problem = type === 'application/pdf' ? pdfProblem(data) : null;
    if (problem) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', `file: ${problem}`);
    const clean = type === 'application/pdf' ? data : stripMetadata(data, type);
    if (!clean) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', `file: not a well-formed ${type} image`);
    const id = randomUUID();
    const sha256 = createHash('sha256').update(clean).digest('hex');
    await this.db.transaction(async (em) => {
      // One user's uploads queue here, so two at once cannot both take the last place in the quota.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('upload-quota'), $1)`, [actor.userId]);
      const now = clock ?? new Date();
      await this.checkQuota(em, actor.userId, clean.length, now);
      const relative = join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${id}.${type === 'application/pdf' ? 'pdf' : EXTENSIONS[type]}`);
      const path = join(this.config.UPLOAD_DIR, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, clean);
      try {
        await em.query(
          'INSERT INTO uploads (id, owner_id, mime_type, size_bytes, sha256, storage_path, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [id, actor.userId, type, clean.length, sha256, relative, now],
        );
      } catch (error) {
        await unlink(path).catch(() => undefined);
        throw error;
      }
    });
    return { id, url: photoUrl(id), mimeType: type, sizeBytes: clean.length };
  }

  /**
   * 429 UPLOAD_QUOTA_EXCEEDED when this photo would pass the user's count or bytes of the last 24 hours,
   * with Retry-After: the moment enough of the user's own uploads leave the 24-hour window for this one
   * to fit, so the client can say when to try again instead of letting the resident retry blindly.
   */
  private async checkQuota(em: EntityManager, userId: number, size: number, now: Date): Promise<void> {
    const since = new Date(now.getTime() - DAY_MS);
    const [used]: Array<{ n: number; bytes: string }> = await em.query(
      'SELECT count(*)::int AS n, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM uploads WHERE owner_id = $1 AND created_at > $2 AND created_at <= $3',
      [userId, since, now],
    );
    const { UPLOAD_DAILY_COUNT_PER_USER: maxCount, UPLOAD_DAILY_BYTES_PER_USER: maxBytes } = this.config;
    const overCount = used.n + 1 > maxCount;
    const overBytes = Number(used.bytes) + size > maxBytes;
    if (!overCount && !overBytes) return;
    // The oldest uploads leave the window first: the one whose leaving frees enough is the answer
    // (for the count, the (used - max + 1)-th oldest; for bytes, where the running sum covers the excess).
    const [fits]: Array<{ created_at: Date }> = await em.query(
      `SELECT created_at FROM (
         SELECT created_at, row_number() OVER w AS k, sum(size_bytes) OVER w AS freed
           FROM uploads WHERE owner_id = $1 AND created_at > $2 AND created_at <= $3
         WINDOW w AS (ORDER BY created_at, id)) x
        WHERE k >= $4 AND freed >= $5 ORDER BY created_at LIMIT 1`,
      [userId, since, now, overCount ? used.n + 1 - maxCount : 0, overBytes ? Number(used.bytes) + size - maxBytes : 0],
    );
    // No row frees enough: the photo alone is larger than a day's bytes; a day is the honest upper bound.
    const retryAfterSeconds = Math.max(1, Math.ceil(((fits ? fits.created_at.getTime() + DAY_MS : now.getTime() + DAY_MS) - now.getTime()) / 1000));
    if (overCount) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'UPLOAD_QUOTA_EXCEEDED', `file: at most ${maxCount} photos per user in 24 hours`, { limit: 'count', max: maxCount, used: used.n, retryAfterSeconds });
    }
    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'UPLOAD_QUOTA_EXCEEDED', `file: at most ${maxBytes} bytes of photos per user in 24 hours`, { limit: 'bytes', max: maxBytes, used: Number(used.bytes), retryAfterSeconds });
  }

  /**
   * Removes photos uploaded more than a day before `now` and never attached to a ticket: rows first
   * (a report attaching one at this moment either wins, and the row stays, or finds it gone and is
   * refused), then their files. Batches of `batch`, at most `rounds` of them per run; returns how many went.
   */
  async removeUnattached(now: Date, batch = 1000, rounds = 20): Promise<{ removed: number }> {
    let removed = 0;
    for (let round = 0; round < rounds; round++) {
      const n = await this.removeBatch(now, batch);
      removed += n;
      if (n < batch) break;
    }
    return { removed };
  }

  private async removeBatch(now: Date, batch: number): Promise<number> {
    // TypeORM answers a DELETE … RETURNING on PostgreSQL with [rows, affected count].
    const [rows]: [Array<{ storage_path: string }>, number] = await this.db.query(
      `DELETE FROM uploads WHERE id IN (
         SELECT id FROM uploads u WHERE ticket_id IS NULL AND supervision_notice_id IS NULL AND created_at < $1
            -- attached to a 五公开 version or a 公示栏 draft: kept (the notice is permanent)
            AND NOT EXISTS (SELECT 1 FROM compound_disclosures d WHERE d.basis_upload_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM compound_notice_drafts n WHERE u.id = ANY(n.attachment_ids))
          ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         AND ticket_id IS NULL AND supervision_notice_id IS NULL
       RETURNING storage_path`,
      [new Date(now.getTime() - UNATTACHED_RETENTION_MS), batch],
    );
    for (const row of rows) {
      // Already gone (a restore without it, a previous run that died after the commit) is fine.
      await unlink(join(this.config.UPLOAD_DIR, row.storage_path)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    return rows.length;
  }

  /** The uploader, anyone who may see the ticket the photo is on, or the readers of the 五公开/公示栏 it is attached to. */
  async read(actor: Actor, id: string): Promise<{ mimeType: string; data: Buffer }> {
    const rows: Array<{ owner_id: number; ticket_id: number | null; supervision_notice_id: number | null; mime_type: string; storage_path: string }> = await this.db.query(
      'SELECT owner_id, ticket_id, supervision_notice_id, mime_type, storage_path FROM uploads WHERE id = $1',
      [id],
    );
    const upload = rows[0];
    const visible = upload && ((await this.maySee(actor, id, upload.owner_id, upload.ticket_id)) || (await this.maySeeNoticePhoto(actor, upload.supervision_notice_id)));
    if (!visible) throw ApiException.notFound('photo');
    const data = await readFile(join(this.config.UPLOAD_DIR, upload.storage_path));
    return { mimeType: upload.mime_type, data };
  }

  /** A 督导整改 answer's photo: whoever may read the notice (the company, staff over its compounds). */
  private async maySeeNoticePhoto(actor: Actor, noticeId: number | null): Promise<boolean> {
    if (noticeId === null) return false;
    const notice = await loadNotice(this.db.manager, noticeId);
    return !!notice && canReadNotice(actor, noticeFacts(notice));
  }

  private async maySee(actor: Actor, id: string, ownerId: number, ticketId: number | null): Promise<boolean> {
    if (ownerId === actor.userId) return true;
    if (ticketId === null) return attachmentVisible(this.db, actor, id);
    const tickets: TicketRow[] = await this.db.query(`${TICKET_SELECT} WHERE t.id = $1`, [ticketId]);
    return tickets.length === 1 && rolesInScope(actor, scopeFacts(tickets[0])).length > 0;
  }
}
