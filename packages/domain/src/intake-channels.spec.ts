import { onBehalfChannels, roleMayUseChannel } from './intake-channels';

describe('intake channels by role', () => {
  it('residents use the mini-program only; grid workers patrol; community and street staff take all staff channels', () => {
    expect(roleMayUseChannel('resident', 'mini_program')).toBe(true);
    expect(roleMayUseChannel('resident', 'hotline_12345')).toBe(false);
    expect(roleMayUseChannel('grid_worker', 'grid_patrol')).toBe(true);
    expect(roleMayUseChannel('grid_worker', 'hotline_12345')).toBe(false);
    expect(roleMayUseChannel('community_staff', 'mini_program')).toBe(false);
    expect(roleMayUseChannel('property_manager', 'walk_in')).toBe(false);
  });

  it('the on-behalf form offers the union of the roles’ staff channels in a fixed order', () => {
    expect(onBehalfChannels(['grid_worker'])).toEqual(['grid_patrol']);
    expect(onBehalfChannels(['community_staff'])).toEqual(['hotline_12345', 'walk_in', 'grid_patrol']);
    expect(onBehalfChannels(['resident'])).toEqual([]);
    expect(onBehalfChannels(['resident', 'grid_worker'])).toEqual(['grid_patrol']);
  });
});
