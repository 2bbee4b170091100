import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A counter per group of cached settings ('sla': policies and the working calendar). Triggers bump it
 * in the same transaction as any change to those tables, so every process that caches them can
 * compare one integer before using its copy, and sees a change the moment it commits.
 */
@Entity('config_versions')
export class ConfigVersion {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'bigint', default: 0 })
  version: string;
}
