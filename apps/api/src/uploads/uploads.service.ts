import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { rolesInScope } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import { AppConfig } from '../config/app-config';
import { scopeFacts, TICKET_SELECT, type TicketRow } from '../tickets/ticket-row';
import { photoUrl } from '../tickets/ticket.view';
import { EXTENSIONS, sniffImage } from './image-sniff.util';
import { stripMetadata } from './strip-metadata.util';

@Injectable()
export class UploadsService {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async store(actor: Actor, data: Buffer) {
    const type = sniffImage(data);
    if (!type) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'file: only JPEG, PNG and WebP photos are accepted');
    const clean = stripMetadata(data, type);
    if (!clean) throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', `file: not a well-formed ${type} image`);
    const id = randomUUID();
    const now = new Date();
    const relative = join(String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'), `${id}.${EXTENSIONS[type]}`);
    const path = join(this.config.UPLOAD_DIR, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, clean);
    const sha256 = createHash('sha256').update(clean).digest('hex');
    await this.db.query(
      'INSERT INTO uploads (id, owner_id, mime_type, size_bytes, sha256, storage_path) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, actor.userId, type, clean.length, sha256, relative],
    );
    return { id, url: photoUrl(id), mimeType: type, sizeBytes: clean.length };
  }

  /** The uploader, or anyone who may see the ticket the photo is on. */
  async read(actor: Actor, id: string): Promise<{ mimeType: string; data: Buffer }> {
    const rows: Array<{ owner_id: number; ticket_id: number | null; mime_type: string; storage_path: string }> = await this.db.query(
      'SELECT owner_id, ticket_id, mime_type, storage_path FROM uploads WHERE id = $1',
      [id],
    );
    const upload = rows[0];
    if (!upload || !(await this.maySee(actor, upload.owner_id, upload.ticket_id))) throw ApiException.notFound('photo');
    const data = await readFile(join(this.config.UPLOAD_DIR, upload.storage_path));
    return { mimeType: upload.mime_type, data };
  }

  private async maySee(actor: Actor, ownerId: number, ticketId: number | null): Promise<boolean> {
    if (ownerId === actor.userId) return true;
    if (ticketId === null) return false;
    const tickets: TicketRow[] = await this.db.query(`${TICKET_SELECT} WHERE t.id = $1`, [ticketId]);
    return tickets.length === 1 && rolesInScope(actor, scopeFacts(tickets[0])).length > 0;
  }
}
