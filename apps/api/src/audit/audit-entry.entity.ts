import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 操作日志: one admin action (or any request to /api/admin/*). No foreign keys: the trail outlives
 * the accounts it names, so the actor's name and streets are copied in at the time of the action.
 * Kept 190 days (AuditPrune), over the six months the rules ask for.
 */
@Entity('audit_entries')
@Index(['actorId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 50, nullable: true })
  actorName: string | null;

  /** The streets of the actor's bindings then: a street admin reads the entries of their street. */
  @Column({ name: 'actor_street_ids', type: 'int', array: true, default: () => `'{}'` })
  actorStreetIds: number[];

  @Column({ type: 'varchar', length: 8 })
  method: string;

  /** The route pattern (`/api/admin/users/:id/roles`), not the URL: ids go to target_id. */
  @Column({ type: 'varchar', length: 200 })
  route: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** The body with secrets (passwords, codes, tokens) replaced by "***", cut to a few KB. */
  @Column({ type: 'jsonb', nullable: true })
  body: unknown;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'int' })
  status: number;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
