import type { Vote } from '../../api/api.types';

/** The phase the API derives from status and window, as the screens say it. */
export const VOTE_PHASE_LABELS: Record<Vote['phase'], string> = {
  pending_review: '待社区审核',
  rejected: '审核未通过',
  upcoming: '即将开始',
  open: '投票中',
  closing: '正在计票',
  closed: '已公示结果',
};
