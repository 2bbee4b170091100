import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { RoleBinding } from './role-binding.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** Staff log in by username; residents who come through WeChat have none. */
  @Index({ unique: true, where: 'username IS NOT NULL' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 200, nullable: true, select: false })
  passwordHash: string | null;

  @Index({ unique: true, where: 'wechat_openid IS NOT NULL' })
  @Column({ name: 'wechat_openid', type: 'varchar', length: 64, nullable: true })
  wechatOpenid: string | null;

  /** A resident's home: the compound (and building) their reports default to. */
  @Column({ name: 'compound_id', type: 'int', nullable: true })
  compoundId: number | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'building_id', type: 'int', nullable: true })
  buildingId: number | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'building_id' })
  building?: OrgUnit;

  /**
   * Carried in every JWT (`ver`) and compared on every request: logout and a password change bump it,
   * which revokes every token issued before. (Failed logins are counted in Redis, see LoginThrottle.)
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @OneToMany(() => RoleBinding, (b) => b.user)
  roleBindings?: RoleBinding[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
