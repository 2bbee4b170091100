// Machine-readable error codes of the API (`{code, message, details}`) with the Chinese text the
// client shows. The API's `message` is English and names the field; residents see these.
export const ERROR_MESSAGES_ZH = {
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  LOGIN_LOCKED: '登录失败次数过多，请15分钟后再试',
  LOGIN_THROTTLED: '该账号近期登录失败次数较多，请稍等片刻再试',
  DEV_LOGIN_DISABLED: '演示登录未开启',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  WECHAT_NOT_CONFIGURED: '本服务未开通微信登录，请使用账号密码登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或无权查看',
  ILLEGAL_TRANSITION: '工单当前状态不允许此操作',
  ROLE_NOT_ALLOWED: '您的角色不能进行此操作',
  NOT_REPORTER: '只有报事人可以进行此操作',
  CHANNEL_NOT_ALLOWED: '您的角色不能使用此报事渠道',
  HOTLINE_CASE_EXISTS: '该12345工单编号已录入，请勿重复录入',
  RATING_REQUIRED: '请选择评价',
  STALE_STATE: '工单已被他人处理，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '重复提交的内容与原请求不一致',
  INVALID_REFERENCE: '选择的内容无效，请重新选择',
  COMPANY_NOT_CONTRACTED: '该物业公司不服务此小区，请派给签约物业或国企兜底物业',
  PAYLOAD_TOO_LARGE: '文件过大',
  UPLOAD_QUOTA_EXCEEDED: '今天上传的照片已达上限，请明天再试',
  BODY_TOO_DEEP: '提交的内容格式有误',
  UNSUPPORTED_MEDIA_TYPE: '只支持 JPG、PNG、WebP 图片',
  NOT_APPEALABLE: '只有“不满意”评价可以申诉',
  NOT_RATED_HANDLER: '只有被评价的责任单位可以申诉',
  APPEAL_EXISTS: '该评价已提交过申诉',
  APPEAL_WINDOW_CLOSED: '已超过申诉期限',
  APPEAL_DECIDED: '该申诉已被裁定，请刷新后查看',
  VOTE_NOT_OPEN: '不在投票时间内，不能投票',
  VOTE_STATE_CHANGED: '该表决已被他人处理，请刷新后查看',
  NOT_UNIT_OWNER: '您不是该房屋的已核验业主，不能投票',
  UNIT_NOT_IN_ELECTORATE: '该房屋在本次表决公告时不在业主名册中，不能参加本次表决',
  OWNER_CLAIM_EXISTS: '已提交过该房屋的业主核验申请',
  POINTS_INSUFFICIENT: '积分余额不足',
  OUT_OF_STOCK: '该物品已兑完',
  ACTIVITY_FULL: '活动名额已满',
  POINTS_STATE_CHANGED: '已被他人处理，请刷新后查看',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL_ERROR: '系统繁忙，请稍后再试',
  DATABASE_UNAVAILABLE: '系统正在恢复，请稍后再试',
  REDIS_UNAVAILABLE: '队列服务暂时不可用，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES_ZH;

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
