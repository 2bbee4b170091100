import { DEADLINE_LEG_LABELS, DEADLINE_PARTIES, ladderFor } from '@red-butler/domain';

/**
 * A breach (超期) in one statement, one round trip (issue #14; it used to take seven: lock and read,
 * overdue mark, timeline event, 督办 level, notices, and the transaction's BEGIN and COMMIT).
 *
 * It writes exactly what DeadlineEffects' step-by-step path writes for a breach of a dispatch,
 * accept or resolve leg: `breached_at`, the `overdue` timeline event, 督办 level 1 with the next
 * level scheduled after the leg's escalation time, and the level-1 notice (the party that owes the
 * leg; no notice when its ladder is empty). Survey and visit legs, whose "breach" means something
 * else, are left to that path.
 *
 * Exactly once: everything hangs off `claim`, an UPDATE guarded by the state the job expects (open,
 * next event `breach` at exactly `at`). A second worker running the same job blocks on the row lock,
 * then re-checks the guard against the committed row (next event is now `escalate`) and claims
 * nothing, so it inserts nothing either; the notices' (user_id, dedupe_key) key is a second guard.
 *
 * Parameters:
 *   $1 deadline id · $2 at (the job's due time) · $3 now · $4 the 督办 ladder of each party (jsonb)
 *   $5 the legs' Chinese labels (jsonb) · $6 the request id that opened the leg (the log's)
 *
 * Returns one row: `claimed` (0 or 1), and `other_leg`, the leg when it is a survey or visit leg that
 * still expects this breach (the caller runs the step-by-step path for those).
 */
export const BREACH_SQL = `
WITH claim AS (
  UPDATE ticket_deadlines d
     SET breached_at = $3,
         -- 督办 level 1 is the ladder's first rung; a party without a ladder (resident) stays at 0.
         escalation_level = CASE WHEN $4::jsonb -> d.party::text ->> 0 IS NULL THEN d.escalation_level ELSE 1 END,
         -- The next rung, if the ladder has one, comes due after the leg's escalation time.
         next_event = CASE WHEN jsonb_array_length($4::jsonb -> d.party::text) > 1 THEN 'escalate'::deadline_event END,
         next_event_at = CASE WHEN jsonb_array_length($4::jsonb -> d.party::text) > 1
                              THEN $3::timestamptz + make_interval(mins => d.escalation_minutes) END
    FROM tickets t
   WHERE d.id = $1 AND t.id = d.ticket_id
     -- The job's time is JavaScript's (milliseconds); the column may hold microseconds.
     AND d.status = 'open' AND d.next_event = 'breach' AND date_trunc('milliseconds', d.next_event_at) = $2
     AND d.leg NOT IN ('survey', 'visit')
  RETURNING d.id, d.ticket_id, d.leg, d.party, d.party_org_id, d.due_at, t.status AS t_status, t.no AS t_no,
            t.community_id, t.street_id, t.district_id, $4::jsonb -> d.party::text ->> 0 AS rung
),
event AS (
  -- The timeline's overdue event; data as the step-by-step path writes it (dueAt as JSON's ISO time).
  INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data)
  SELECT c.ticket_id, 'overdue', c.t_status, c.t_status, (SELECT id FROM users WHERE username = 'system'), 'system',
         jsonb_build_object('leg', c.leg, 'party', c.party, 'partyOrgId', c.party_org_id,
                            'dueAt', to_char(c.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    FROM claim c
  RETURNING id
),
audience AS (
  -- Who hears of level 1 (DeadlineEffects.audience for the rung 'handler'): the party that owes the
  -- leg — a community's staff, a department's staff, or the company's property managers.
  SELECT c.*,
         CASE WHEN c.party = 'community' THEN c.community_id END AS unit_id,
         CASE WHEN c.party <> 'community' THEN c.party_org_id END AS org_id,
         CASE c.party WHEN 'community' THEN 'community_staff' WHEN 'department' THEN 'department_staff' ELSE 'property_manager' END::role AS role,
         $5::jsonb ->> c.leg::text AS leg_label,
         -- Asia/Shanghai wall time, minutes (formatShanghai: UTC+8, no daylight saving).
         coalesce(to_char((c.due_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI'), '—') AS due_text
    FROM claim c
   WHERE c.rung = 'handler'
),
recipients AS (
  SELECT a.*, rb.user_id FROM audience a JOIN role_bindings rb ON rb.org_unit_id = a.unit_id AND rb.role = a.role
  UNION
  SELECT a.*, rb.user_id FROM audience a JOIN role_bindings rb ON rb.organization_id = a.org_id AND rb.role = a.role
),
notice AS (
  -- As Notifier.notify writes it (push on, template 'visit'): a WeChat subscribe message is pending
  -- for a user with an openid who has not refused or banned the template.
  INSERT INTO notifications (user_id, ticket_id, kind, title, body, dedupe_key, push_status, push_template, request_id)
  SELECT u.id, r.ticket_id, 'deadline_overdue', '工单已超期：' || r.leg_label,
         '工单 ' || r.t_no || ' 的' || r.leg_label || '已于 ' || r.due_text || ' 超期。',
         'escalate:' || r.id || ':1',
         CASE WHEN u.wechat_openid IS NOT NULL AND sc.decision IS DISTINCT FROM 'reject' AND sc.decision IS DISTINCT FROM 'ban'
              THEN 'pending' ELSE 'none' END::push_status,
         'visit', $6::varchar
    FROM recipients r
    JOIN users u ON u.id = r.user_id AND u.active
    LEFT JOIN subscribe_consents sc ON sc.user_id = u.id AND sc.template = 'visit'
  ON CONFLICT (user_id, dedupe_key) DO NOTHING
  RETURNING id
)
SELECT (SELECT count(*) FROM claim)::int AS claimed,
       (SELECT count(*) FROM event)::int AS events,
       (SELECT count(*) FROM notice)::int AS notices,
       -- Read with the statement's snapshot (before the claim): a survey or visit leg still waiting for this breach.
       (SELECT leg::text FROM ticket_deadlines
         WHERE id = $1 AND status = 'open' AND next_event = 'breach' AND date_trunc('milliseconds', next_event_at) = $2 AND leg IN ('survey', 'visit')) AS other_leg
`;

/** $4: each party's 督办 ladder, from the domain package (the one source of the ladder). */
export const LADDERS_JSON = JSON.stringify(Object.fromEntries(DEADLINE_PARTIES.map((p) => [p, ladderFor(p)])));

/** $5: the legs' labels as the notices name them. */
export const LEG_LABELS_JSON = JSON.stringify(DEADLINE_LEG_LABELS);

export interface BreachRow {
  claimed: number;
  events: number;
  notices: number;
  other_leg: string | null;
}
