import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const ORG_CHANGE_ENTITIES = ['org_unit', 'organization', 'contract', 'category'] as const;
export type OrgChangeEntity = (typeof ORG_CHANGE_ENTITIES)[number];
export const ORG_CHANGE_SOURCES = ['import', 'edit'] as const;
export type OrgChangeSource = (typeof ORG_CHANGE_SOURCES)[number];

/**
 * One field of the district's reference data changed: who, which object, old → new, when, and
 * whether by an import or an edit. Append-only (trigger): it is the answer to "since when does this
 * compound belong to that community" long after the change.
 */
@Entity('org_changes')
@Index(['entity', 'entityId', 'id'])
export class OrgChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  entity: OrgChangeEntity;

  @Column({ name: 'entity_id', type: 'int' })
  entityId: number;

  /** The column changed, or `created` for a new object. */
  @Column({ type: 'varchar', length: 40 })
  field: string;

  @Column({ name: 'old_value', type: 'text', nullable: true })
  oldValue: string | null;

  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue: string | null;

  @Column({ type: 'varchar', length: 10 })
  source: OrgChangeSource;

  @Column({ name: 'actor_id', type: 'int' })
  actorId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
