import type { Channel } from '@red-butler/domain';

// The API's default for a resident's own report is the mini-program: nothing to send.
export const selfReportChannel: Channel | undefined = undefined;
