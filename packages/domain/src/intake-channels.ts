import type { Channel, Role } from './enums';

/**
 * Which intake channel each reporting role may claim. A resident files for themselves through the
 * mini-program or its H5 build (the client says which); a grid worker files what the patrol found; community and street staff take 12345
 * hotline transfers and walk-ins at the service hall, and may also log their own patrol findings.
 * The API enforces this list and the client offers exactly these channels.
 */
export const CHANNELS_BY_ROLE: Partial<Record<Role, readonly Channel[]>> = {
  resident: ['mini_program', 'h5'],
  grid_worker: ['grid_patrol'],
  community_staff: ['hotline_12345', 'walk_in', 'grid_patrol'],
  street_staff: ['hotline_12345', 'walk_in', 'grid_patrol'],
};

/** The channels offered to staff filing on behalf of a resident, in the order the form lists them. */
export function onBehalfChannels(roles: readonly Role[]): Channel[] {
  const out = new Set<Channel>();
  for (const role of roles) {
    for (const channel of CHANNELS_BY_ROLE[role] ?? []) if (channel !== 'mini_program' && channel !== 'h5') out.add(channel);
  }
  return (['hotline_12345', 'walk_in', 'grid_patrol'] as const).filter((c) => out.has(c));
}

export function roleMayUseChannel(role: Role, channel: Channel): boolean {
  return (CHANNELS_BY_ROLE[role] ?? []).includes(channel);
}
