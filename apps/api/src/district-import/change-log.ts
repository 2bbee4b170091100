import type { EntityManager } from 'typeorm';
import type { FieldChange } from './import-row';
import type { OrgChangeEntity, OrgChangeSource } from './org-change.entity';

export type Value = string | number | boolean | null;

/** How values compare and are kept in the history: numeric columns come back from pg as strings. */
export const asText = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** The fields of `desired` that differ from `current` (undefined in desired: not given, left as it is). */
export function diff(current: object, desired: Record<string, Value | undefined>): FieldChange[] {
  return Object.entries(desired)
    .filter(([, v]) => v !== undefined)
    .map(([field, v]) => ({ field, from: asText((current as Record<string, unknown>)[field]), to: asText(v) }))
    .filter((c) => c.from !== c.to);
}

/** Writes org_changes rows in the caller's transaction: one per field, `created` for a new object. */
export class ChangeLog {
  constructor(
    private readonly em: EntityManager,
    private readonly actorId: number,
    private readonly source: OrgChangeSource,
  ) {}

  async record(entity: OrgChangeEntity, entityId: number, changes: FieldChange[]): Promise<void> {
    for (const c of changes) {
      await this.em.query(
        `INSERT INTO org_changes (entity, entity_id, field, old_value, new_value, source, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [entity, entityId, c.field, c.from, c.to, this.source, this.actorId],
      );
    }
  }

  /** UPDATE the changed columns of one row and record them; columns are the keys of `changes`, never user input. */
  async update(table: string, entity: OrgChangeEntity, id: number, changes: FieldChange[], values: Record<string, Value | undefined>): Promise<void> {
    if (changes.length === 0) return;
    const params: unknown[] = [id];
    const sets = changes.map((c) => (params.push(values[c.field] ?? null), `${c.field} = $${params.length}`));
    await this.em.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, params);
    await this.record(entity, id, changes);
  }
}
