import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';
import { User } from '../users/user.entity';

/** A photo, stored on disk with its EXIF stripped; attached to at most one ticket. */
@Entity('uploads')
// The daily quota counts one user's uploads since a moment; the clean-up finds the old unattached ones.
@Index('idx_uploads_owner_created', ['ownerId', 'createdAt'])
@Index('idx_uploads_unattached', ['createdAt'], { where: 'ticket_id IS NULL' })
export class Upload {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'owner_id', type: 'int' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User;

  @Column({ name: 'mime_type', type: 'varchar', length: 30 })
  mimeType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'storage_path', type: 'varchar', length: 300 })
  storagePath: string;

  @Index()
  @Column({ name: 'ticket_id', type: 'int', nullable: true })
  ticketId: number | null;

  @ManyToOne(() => Ticket, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** A photo of a 督导整改 answer: kept (not cleaned up) and readable by whoever may read the notice. */
  @Column({ name: 'supervision_notice_id', type: 'int', nullable: true })
  supervisionNoticeId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
