import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplate } from '../notifications/subscribe-consent.entity';

/** The admin_settings key of each subscribe template, and its label for the admin screen. */
export const TEMPLATE_SETTINGS: Record<SubscribeTemplate, { key: string; label: string }> = {
  status: { key: 'wechat.template.status', label: '工单状态通知' },
  visit: { key: 'wechat.template.visit', label: '回访邀请' },
};

export type TemplateSource = 'setting' | 'env' | 'none';

/**
 * The WeChat subscribe-message template ids: an admin's setting when there is one, else the
 * deployment's env (WECHAT_STATUS_TEMPLATE_ID / WECHAT_SUBSCRIBE_TEMPLATE_ID). Read from the
 * database on each use (a primary-key lookup per push or consent screen), so a change made in the
 * API is what the worker sends with next, without a cache to invalidate.
 */
@Injectable()
export class SubscribeTemplates {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  envDefault(template: SubscribeTemplate): string {
    return template === 'status' ? this.config.WECHAT_STATUS_TEMPLATE_ID : this.config.WECHAT_SUBSCRIBE_TEMPLATE_ID;
  }

  async ids(): Promise<Record<SubscribeTemplate, string>> {
    const rows = await this.settings();
    return Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, rows.get(TEMPLATE_SETTINGS[t].key)?.value || this.envDefault(t)])) as Record<SubscribeTemplate, string>;
  }

  async templateId(template: SubscribeTemplate): Promise<string> {
    const rows: Array<{ value: string }> = await this.db.query('SELECT value FROM admin_settings WHERE key = $1', [TEMPLATE_SETTINGS[template].key]);
    return rows[0]?.value || this.envDefault(template);
  }

  /** For the admin screen: the id in force, where it comes from, and the env default behind a setting. */
  async list() {
    const rows = await this.settings();
    return SUBSCRIBE_TEMPLATES.map((template) => {
      const row = rows.get(TEMPLATE_SETTINGS[template].key);
      const envDefault = this.envDefault(template) || null;
      const source: TemplateSource = row ? 'setting' : envDefault ? 'env' : 'none';
      return { template, label: TEMPLATE_SETTINGS[template].label, templateId: row?.value ?? envDefault, source, envDefault, updatedAt: row?.updated_at ?? null };
    });
  }

  /** `null` removes the setting (back to the env default); absent leaves it as it is. */
  async set(values: Partial<Record<SubscribeTemplate, string | null>>, adminId: number): Promise<void> {
    await this.db.transaction(async (em) => {
      for (const template of SUBSCRIBE_TEMPLATES) {
        const value = values[template];
        if (value === undefined) continue;
        const key = TEMPLATE_SETTINGS[template].key;
        if (value === null) await em.query('DELETE FROM admin_settings WHERE key = $1', [key]);
        else await em.query(
          `INSERT INTO admin_settings (key, value, updated_by) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
          [key, value, adminId],
        );
      }
    });
  }

  private async settings(): Promise<Map<string, { value: string; updated_at: Date }>> {
    const rows: Array<{ key: string; value: string; updated_at: Date }> = await this.db.query(
      'SELECT key, value, updated_at FROM admin_settings WHERE key = ANY($1)',
      [Object.values(TEMPLATE_SETTINGS).map((s) => s.key)],
    );
    return new Map(rows.map((r) => [r.key, r]));
  }
}
