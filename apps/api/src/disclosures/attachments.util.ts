import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';

/** What a 五公开 basis or a 公示栏 notice may carry: the photos the uploads module accepts, and PDF. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/**
 * Attachments must be the caller's own uploads (nobody attaches someone else's file by guessing
 * its id) and not already on a ticket. Returns them with their types, in the given order.
 */
export async function checkAttachments(db: DataSource | EntityManager, actor: Actor, ids: string[], field: string): Promise<Array<{ id: string; mimeType: string }>> {
  if (ids.length === 0) return [];
  const rows: Array<{ id: string; mime_type: string }> = await db.query(
    `SELECT id, mime_type FROM uploads WHERE id = ANY($1::uuid[]) AND owner_id = $2 AND ticket_id IS NULL`,
    [ids, actor.userId],
  );
  return ids.map((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw ApiException.invalidReference(field, `${id} is not an upload of yours`);
    if (!ATTACHMENT_TYPES.includes(row.mime_type)) throw ApiException.invalidReference(field, `${id} is not a photo or PDF`);
    return { id, mimeType: row.mime_type };
  });
}
