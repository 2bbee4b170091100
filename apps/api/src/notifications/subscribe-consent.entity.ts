import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** The templates a resident is asked about right after reporting (WeChat one-shot subscriptions). */
export const SUBSCRIBE_TEMPLATES = ['status', 'visit'] as const;
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number];
/** Taro.requestSubscribeMessage's answers per template ('filter' is dropped by the client). */
export const SUBSCRIBE_DECISIONS = ['accept', 'reject', 'ban'] as const;
export type SubscribeDecision = (typeof SUBSCRIBE_DECISIONS)[number];

/**
 * The user's last answer per template, so the server sends only where it may and the client never
 * asks again after a refusal (until the user opts in from 消息 settings).
 */
@Entity('subscribe_consents')
export class SubscribeConsent {
  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  template: string;

  @Column({ type: 'enum', enum: SUBSCRIBE_DECISIONS, enumName: 'subscribe_decision' })
  decision: SubscribeDecision;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
