import { HttpStatus } from '@nestjs/common';
import { CHANNEL_LABELS, isSelfReportChannel, roleMayUseChannel, transition, type Channel, type Role } from '@red-butler/domain';
import type { Actor } from '../access/actor';
import { unitBindingCovers } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import type { CompoundRef } from '../org/reference-cache.service';

const STAFF_REPORTERS: Role[] = ['grid_worker', 'community_staff', 'street_staff'];
export const channelNotAllowed = (channel: Channel) =>
  new ApiException(HttpStatus.FORBIDDEN, 'CHANNEL_NOT_ALLOWED', `channel: your role may not file ${channel} (${CHANNEL_LABELS[channel]}) cases`, [
    { field: 'channel', message: `not allowed for your role: ${channel}` },
  ]);

/**
 * The role a report is filed in and its channel. Residents report for themselves through the
 * mini-program or H5; staff file on a resident's behalf in a role that may use the channel
 * (`CHANNELS_BY_ROLE`) and whose area contains the compound. The channel is checked before the
 * compound, so a grid worker trying 12345 learns the channel is wrong, not the place.
 */
export function resolveReporter(actor: Actor, requested: Channel | undefined, compound: CompoundRef): { role: Role; channel: Channel } {
  const isResident = actor.bindings.some((b) => b.role === 'resident');
  // The client names its own channel (h5 from the browser build); older mini-program builds send none.
  if (isResident && (requested === undefined || isSelfReportChannel(requested))) return { role: 'resident', channel: requested ?? 'mini_program' };
  const reporting = actor.bindings.filter((b) => STAFF_REPORTERS.includes(b.role));
  if (reporting.length === 0) {
    if (isResident && requested) throw channelNotAllowed(requested);
    const decision = transition(null, 'report', { roles: [...new Set(actor.bindings.map((b) => b.role))], isReporter: true });
    if (!decision.ok) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'your role may not report tickets');
    throw ApiException.invalidReference('compoundId', 'the compound is outside your area');
  }
  const mayUse = requested ? reporting.filter((b) => roleMayUseChannel(b.role, requested)) : reporting;
  if (requested && mayUse.length === 0) throw channelNotAllowed(requested);
  const staff = mayUse.find((b) => unitBindingCovers(b, compound));
  if (!staff) throw ApiException.invalidReference('compoundId', 'the compound is outside your area');
  return { role: staff.role, channel: requested ?? (staff.role === 'grid_worker' ? 'grid_patrol' : 'walk_in') };
}
