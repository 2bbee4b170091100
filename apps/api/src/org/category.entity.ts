import { HANDLER_KINDS, PRIORITIES, type HandlerKind, type Priority } from '@red-butler/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './organization.entity';

/** What a resident can report; the category implies the priority and who normally handles it. */
@Entity('categories')
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'group_name', type: 'varchar', length: 50 })
  groupName: string;

  @Column({ type: 'varchar', length: 30 })
  icon: string;

  @Column({ name: 'handler_kind', type: 'enum', enum: HANDLER_KINDS, enumName: 'handler_kind' })
  handlerKind: HandlerKind;

  /** The department that owns this kind of case (e.g. 违章搭建 → 城管). */
  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Organization;

  @Column({ name: 'default_priority', type: 'enum', enum: PRIORITIES, enumName: 'priority' })
  defaultPriority: Priority;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Shown in the anonymous Open311 feed (redacted, at the compound's point). Off by default: only
   * problems anyone could see on the compound's notice board (井盖, 路灯, 绿化…) are listed; a
   * household's own matter (室内漏水, 邻里纠纷) never is.
   */
  @Column({ name: 'publicly_listed', type: 'boolean', default: false })
  publiclyListed: boolean;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}
