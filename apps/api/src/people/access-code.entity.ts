import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const ACCESS_CODE_PURPOSES = ['invite', 'reset'] as const;
export type AccessCodePurpose = (typeof ACCESS_CODE_PURPOSES)[number];

/**
 * A one-time code that lets a person set their password (an invitation, or a reset by an admin).
 * Only its scrypt hash is kept: the admin sees the code once, in the answer that issued it. Used at
 * most once (`used_at`, set by a guarded UPDATE), and only before `expires_at`.
 */
@Entity('access_codes')
export class AccessCode {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'enum', enum: ACCESS_CODE_PURPOSES, enumName: 'access_code_purpose' })
  purpose: AccessCodePurpose;

  @Column({ name: 'code_hash', type: 'varchar', length: 200 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
