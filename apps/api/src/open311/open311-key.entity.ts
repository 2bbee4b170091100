import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const OPEN311_KEY_SCOPES = ['public', 'full'] as const;
export type Open311KeyScope = (typeof OPEN311_KEY_SCOPES)[number];

/**
 * An Open311 API key issued by an admin to one 311 client. Only the SHA-256 of the key is kept;
 * the key itself is shown once, when issued. Each key files its requests as its own reporter user
 * (no role bindings, no password: it cannot sign in), so every ticket still has a reporter.
 */
@Entity('open311_keys')
export class Open311Key {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index({ unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The first characters of the key, so an admin can tell keys apart in the list. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 12 })
  keyPrefix: string;

  @Column({ name: 'reporter_id', type: 'int' })
  reporterId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: User;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  /**
   * `public`: reads what the anonymous feed shows. `full`: exact location, address and description
   * (phones, ID numbers and e-mails still masked) of every category, granted by an admin for the
   * stated purpose (e.g. the district's 12345 hotline following up its own callers).
   */
  @Column({ type: 'enum', enum: OPEN311_KEY_SCOPES, enumName: 'open311_key_scope', default: 'public' })
  scope: Open311KeyScope;

  /** Why the key may read more than the public feed; required for `full`. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
