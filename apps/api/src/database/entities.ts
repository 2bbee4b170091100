import { AccessCode } from '../people/access-code.entity';
import { HouseholdBinding } from '../people/household-binding.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { CompoundPlan } from '../site-plans/compound-plan.entity';
import { Activity } from '../points/activity.entity';
import { ActivitySignup } from '../points/activity-signup.entity';
import { PointsAccount } from '../points/points-account.entity';
import { PointsEntry } from '../points/points-entry.entity';
import { PointsRule } from '../points/points-rule.entity';
import { Redemption } from '../points/redemption.entity';
import { ShopItem } from '../points/shop-item.entity';
import { RatingAppeal } from '../appeals/rating-appeal.entity';
import { Category } from '../org/category.entity';
import { TicketDeadline } from '../deadlines/ticket-deadline.entity';
import { Notification } from '../notifications/notification.entity';
import { SubscribeConsent } from '../notifications/subscribe-consent.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { AdminSetting } from '../settings/admin-setting.entity';
import { ConfigVersion } from '../settings/config-version.entity';
import { WorkingCalendarRow } from '../sla/working-calendar.entity';
import { VisitTask } from '../visits/visit-task.entity';
import { QuarterList } from '../rankings/quarter-list.entity';
import { CompoundContract } from '../org/compound-contract.entity';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { Open311Key } from '../open311/open311-key.entity';
import { Open311Request } from '../open311/open311-request.entity';
import { OwnersCommittee } from '../org/owners-committee.entity';
import { IdempotencyKey } from '../tickets/idempotency-key.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { TicketFollower } from '../tickets/ticket-follower.entity';
import { PauseRequest } from '../tickets/pause-request.entity';
import { Ticket } from '../tickets/ticket.entity';
import { ReportDirtyTicket } from '../reports/report-dirty-ticket.entity';
import { ReportRollup } from '../reports/report-rollup.entity';
import { ReportTicketFact } from '../reports/report-ticket-fact.entity';
import { Upload } from '../uploads/upload.entity';
import { RoleBinding } from '../users/role-binding.entity';
import { User } from '../users/user.entity';
import { RegisterUnit } from '../owners/register-unit.entity';
import { UnitOwner } from '../owners/unit-owner.entity';
import { CompoundNotice } from '../votes/compound-notice.entity';
import { OwnerBallot } from '../votes/owner-ballot.entity';
import { OwnerVoteElector } from '../votes/owner-vote-elector.entity';
import { OwnerVoteEvent } from '../votes/owner-vote-event.entity';
import { OwnerVote } from '../votes/owner-vote.entity';
import { CompanyExit } from '../supervision/company-exit.entity';
import { CompanyTrailEntry } from '../supervision/company-trail.entity';
import { StarDowngrade } from '../supervision/star-downgrade.entity';
import { SupervisionAnswer } from '../supervision/supervision-answer.entity';
import { SupervisionNotice } from '../supervision/supervision-notice.entity';
import { CompoundDisclosure } from '../disclosures/compound-disclosure.entity';
import { CompoundNoticeDraft } from '../disclosures/compound-notice-draft.entity';
import { DisclosureEvent } from '../disclosures/disclosure-event.entity';
import { OrgChange } from '../district-import/org-change.entity';

export const ENTITIES = [
  OrgUnit,
  Organization,
  CompoundContract,
  OwnersCommittee,
  Category,
  User,
  RoleBinding,
  Ticket,
  TicketEvent,
  IdempotencyKey,
  Upload,
  SlaPolicy,
  WorkingCalendarRow,
  TicketDeadline,
  Notification,
  SubscribeConsent,
  VisitTask,
  Open311Key,
  Open311Request,
  RatingAppeal,
  TicketFollower,
  PauseRequest,
  QuarterList,
  ReportRollup,
  ReportDirtyTicket,
  ReportTicketFact,
  RegisterUnit,
  UnitOwner,
  OwnerVote,
  OwnerBallot,
  OwnerVoteEvent,
  OwnerVoteElector,
  CompoundNotice,
  SupervisionNotice,
  SupervisionAnswer,
  StarDowngrade,
  CompanyExit,
  CompanyTrailEntry,
  CompoundDisclosure,
  CompoundNoticeDraft,
  DisclosureEvent,
  PointsRule,
  PointsAccount,
  PointsEntry,
  ShopItem,
  Redemption,
  Activity,
  ActivitySignup,
  AdminSetting,
  ConfigVersion,
  AccessCode,
  HouseholdBinding,
  AuditEntry,
  OrgChange,
  CompoundPlan,
];
