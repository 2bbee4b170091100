import type { Channel } from '@red-butler/domain';

// A resident reporting from the browser build: recorded (and shown as 来源) as H5, not 小程序.
export const selfReportChannel: Channel | undefined = 'h5';
