/**
 * Errors are values with a code and a translated message (STYLE.md "Code").
 * Routes map a DomainError to its HTTP status in one place (server/http/errors.ts).
 */
export type Lang = 'zh-CN' | 'en';

export const ERRORS = {
  E_VALIDATION: { status: 400, zh: '请求内容不正确：{detail}', en: 'The request is not valid: {detail}' },
  E_BAD_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  E_BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  E_UNAUTHENTICATED: { status: 401, zh: '请先登录或配对设备', en: 'Sign in or pair this device first' },
  E_TOKEN_INVALID: {
    status: 401,
    zh: '凭证无效、已过期或已被撤销',
    en: 'The token is invalid, expired or revoked',
  },
  E_BAD_CREDENTIALS: { status: 401, zh: '工号或密码错误', en: 'Wrong staff number or PIN' },
  E_LOCKED_OUT: {
    status: 429,
    zh: '密码错误次数过多，请 {minutes} 分钟后再试',
    en: 'Too many wrong PINs; try again in {minutes} min',
  },
  E_FORBIDDEN: { status: 403, zh: '当前身份无权执行此操作', en: 'Your role may not do this' },
  E_NOT_YOUR_COUNTER: {
    status: 403,
    zh: '您未在 {counterNo} 号窗口登录',
    en: 'You are not signed in at counter {counterNo}',
  },
  E_NOT_YOUR_TICKET: {
    status: 403,
    zh: '该号票属于其他窗口',
    en: 'This ticket belongs to another counter',
  },
  E_NOT_FOUND: { status: 404, zh: '未找到：{what}', en: 'Not found: {what}' },
  E_UNKNOWN_SERVICE: { status: 404, zh: '没有此业务：{code}', en: 'No such service: {code}' },
  E_UNKNOWN_COUNTER: { status: 404, zh: '没有此窗口：{counterNo}', en: 'No such counter: {counterNo}' },
  E_UNKNOWN_TICKET: { status: 404, zh: '没有此号票', en: 'No such ticket' },
  E_HALL_CLOSED: { status: 409, zh: '营业厅已停止取号', en: 'The hall has stopped issuing numbers' },
  E_OUTSIDE_HOURS: {
    status: 409,
    zh: '不在营业时间内（{open}–{close}）',
    en: 'Outside opening hours ({open}–{close})',
  },
  E_SERVICE_CLOSED: {
    status: 409,
    zh: '该业务暂停取号：{code}',
    en: 'This service is not issuing numbers: {code}',
  },
  E_TICKET_STATE: {
    status: 409,
    zh: '号票当前状态为“{status}”，不能{action}',
    en: 'The ticket is {status}; it cannot be {action}',
  },
  E_COUNTER_BUSY: {
    status: 409,
    zh: '本窗口还有未完成的号票 {number}',
    en: 'This counter still holds ticket {number}',
  },
  E_COUNTER_AWAY: {
    status: 409,
    zh: '本窗口处于暂离状态，请先返回',
    en: 'This counter is away; come back first',
  },
  E_COUNTER_NOT_AWAY: { status: 409, zh: '本窗口不在暂离状态', en: 'This counter is not away' },
  E_COUNTER_NO_SERVICES: {
    status: 409,
    zh: '本窗口未配置可办理的业务',
    en: 'This counter has no services configured',
  },
  E_OVERRUN_REASON_REQUIRED: {
    status: 422,
    zh: '办理时间超过 {limit} 分钟时限，请填写超时原因',
    en: 'Handling took longer than the {limit}-minute limit; give the reason',
  },
  E_REACTIVATE_WINDOW: {
    status: 409,
    zh: '过号已超过 {minutes} 分钟，不能恢复',
    en: 'The no-show is older than {minutes} min and cannot be reactivated',
  },
  E_TRANSFER_TARGET: {
    status: 400,
    zh: '请指定转入的业务或窗口（二选一）',
    en: 'Give either a service or a counter',
  },
  E_RETURN_AT: {
    status: 400,
    zh: '预计返回时间须晚于现在，且在本营业日（{day}）之内',
    en: 'The return time must be later today ({day}), in the hall’s business day',
  },
  E_IDEMPOTENCY_CONFLICT: {
    status: 422,
    zh: '同一幂等键已用于不同的请求',
    en: 'This idempotency key was used for a different request',
  },
  E_PAIRING_CODE: { status: 401, zh: '配对码无效或已过期', en: 'The pairing code is invalid or expired' },
  E_DEVICE_NOT_OWNED: {
    status: 403,
    zh: '设备 {deviceId} 不属于本营业厅的叫号服务器，拒绝接收其记录',
    en: 'Device {deviceId} does not belong to this hall’s hub; its rows are refused',
  },
  E_DEVICE_BOUND: {
    status: 409,
    zh: '设备 {deviceId} 已属于其他营业厅或是叫号服务器，不能再绑定',
    en: 'Device {deviceId} already belongs to another hall or is a hub; it cannot be bound again',
  },
  E_DEMO_REFUSED: {
    status: 409,
    zh: '该数据目录已有真实营业厅数据，拒绝写入演示数据',
    en: 'This data directory holds a real hall; the demo is refused',
  },
  E_SETTING: { status: 400, zh: '设置值不正确：{key}', en: 'Invalid setting value: {key}' },
  E_TIME_RANGE: {
    status: 400,
    zh: '开始时间须在过去 {hours} 小时之内',
    en: 'The start time must lie within the last {hours} hours',
  },
  E_OPENING_HOURS: {
    status: 400,
    zh: '开门时间须早于关门时间（{open}–{close}）',
    en: 'Opening time must be before closing time ({open}–{close})',
  },
  E_UPGRADE_REQUIRED: {
    status: 426,
    zh: '请先升级：对方使用同步协议版本 {version}',
    en: 'Upgrade first: the other side speaks sync protocol version {version}',
  },
  E_SYNC_GAP: {
    status: 409,
    zh: '同步批次不连续',
    en: 'The sync batch does not follow the last acknowledged row',
  },
  E_REF_INVALID: { status: 400, zh: '参考数据不正确：{detail}', en: 'Invalid reference data: {detail}' },
  E_HUB_UNREACHABLE: {
    status: 503,
    zh: '暂时无法连接叫号服务器；办结登记、收费等本机功能照常可用',
    en: 'The queue server is unreachable for now; this counter’s own functions keep working',
  },
  E_RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  E_WEBSOCKET_REQUIRED: {
    status: 426,
    zh: '此地址只接受 WebSocket 连接',
    en: 'This address accepts WebSocket connections only',
  },
  E_HOST: {
    status: 421,
    zh: '本机不接受主机名“{host}”的请求；如确需使用此名称，请用 --allow-host 加入',
    en: 'This node does not answer to the host name “{host}”; add it with --allow-host if it is really one of its names',
  },
  // Storage faults (issue 9): both reply as E_STORAGE; the message says which.
  E_STORAGE_FULL: {
    status: 503,
    replyCode: 'E_STORAGE',
    zh: '记录未保存：磁盘已满。请通知管理员清理磁盘空间；空间恢复后重试即可',
    en: 'Not saved: the disk is full. Ask the administrator to free disk space; once there is room, try again',
  },
  E_INTEGRITY: {
    status: 500,
    zh: '本厅记录与总部已确认的不一致（可能被改写或删除）：{detail}',
    en: 'The journal differs from what head office acknowledged (rewritten or deleted?): {detail}',
  },
  E_CHAIN: {
    status: 500,
    zh: '本机记录的哈希链断裂，记录可能被改动：{detail}。请运行 verify 并通知总部',
    en: "This node's journal hash chain is broken, records may have been altered: {detail}. Run verify and tell head office",
  },
  E_JOB: {
    status: 500,
    zh: '后台任务“{job}”失败（{detail}），将按时重试；已保存的记录不受影响',
    en: 'Background job "{job}" failed ({detail}); it is retried on schedule, and saved records are not affected',
  },
  E_STORAGE: {
    status: 503,
    zh: '记录未保存：存储故障（磁盘读写错误）。请通知管理员检查磁盘；恢复后重试即可',
    en: 'Not saved: storage fault (disk read/write error). Ask the administrator to check the disk; once it works, try again',
  },
  // Money (issue 11).
  E_FEE_UNKNOWN: {
    status: 422,
    zh: '收费标准中没有此项目：{code}',
    en: 'Not on the fee schedule: {code}',
  },
  E_RECEIPT_EMPTY: { status: 422, zh: '收据金额为零', en: 'The receipt comes to nothing' },
  E_UNDERPAID: {
    status: 422,
    zh: '实收 {paid} 少于应收 {due}',
    en: 'Received {paid} is less than due {due}',
  },
  E_CHANGE_NOT_CASH: {
    status: 422,
    zh: '只有现金可以找零：非现金支付超过了应收金额',
    en: 'Only cash gives change: the non-cash payments exceed the amount due',
  },
  E_NO_COUNTER_SESSION: {
    status: 403,
    zh: '请先在窗口登录再收款',
    en: 'Sign in at a counter before taking money',
  },
  E_APPROVER: {
    status: 403,
    zh: '审批人须为另一位值班经理：{detail}',
    en: 'The approver must be another duty manager: {detail}',
  },
  E_VOIDED: { status: 409, zh: '该收据已作废：{number}', en: 'This receipt is already voided: {number}' },
  E_VOID_OF_VOID: { status: 409, zh: '作废记录不能再作废', en: 'A void cannot be voided' },
  E_DRAWER_OPEN: {
    status: 409,
    zh: '今日钱箱已开启',
    en: 'Your drawer for today is already open',
  },
  E_NO_DRAWER: { status: 409, zh: '今日尚未开启钱箱', en: 'No drawer is open for you today' },
  E_DRAWER_CLOSED: {
    status: 409,
    zh: '钱箱已结账，不能再记录',
    en: 'This drawer is closed; nothing more can be recorded in it',
  },
  E_WITNESS: {
    status: 422,
    zh: '抽查须由值班经理监盘签字',
    en: 'A spot check needs a duty manager as witness',
  },
  E_DAY_CLOSED: { status: 409, zh: '{day} 已日结', en: '{day} is already closed' },
  E_DAY_OPEN: { status: 409, zh: '{day} 尚未日结', en: '{day} has not been closed' },
  E_DAY_NOT_ENDED: {
    status: 409,
    zh: '只能日结今天或以前的营业日',
    en: 'Only today or an earlier business day can be closed',
  },
  E_HALL_DAY_CLOSED: { status: 409, zh: '{day} 全厅已日结', en: 'The hall has already closed {day}' },
  E_HALL_DAY_OPEN: { status: 409, zh: '{day} 全厅尚未日结', en: 'The hall has not closed {day}' },
  E_HALL_DEVICES_OPEN: {
    status: 409,
    zh: '以下设备当日收过款，但尚未日结或日结尚未同步到本厅主机：{devices}',
    en: 'These devices took money that day but have not closed it, or their close has not reached the hub yet: {devices}',
  },
  E_CLERK_PIN: {
    status: 422,
    zh: '抽查须由收银员本人输入密码签字',
    en: 'A spot check is signed by the clerk too: enter your own PIN',
  },
  E_REASON_NEEDED: {
    status: 422,
    zh: '长短款超过限额，需填写原因代码：{detail}',
    en: 'Over/short above the limit needs a reason code: {detail}',
  },
  E_ALREADY_EXPLAINED: {
    status: 409,
    zh: '该差异已说明',
    en: 'This difference has already been explained',
  },
  E_INVOICE_USED: {
    status: 409,
    zh: '该发票号已登记：{invoiceNo}',
    en: 'Invoice number already recorded: {invoiceNo}',
  },
  E_UNKNOWN_CASE: { status: 404, zh: '没有此事项', en: 'No such case' },
  E_NOT_CASE_OWNER: {
    status: 403,
    zh: '该事项由 {owner} 负责，只有负责人或值班经理可以办理',
    en: 'This case is owned by {owner}; only the owner or a duty manager may act on it',
  },
  E_CASE_CLOSED: { status: 409, zh: '该事项已办结', en: 'This case is already closed' },
  E_UNKNOWN_RATING: { status: 404, zh: '没有此评价', en: 'No such rating' },
  E_CASE_FOR_RATING: {
    status: 409,
    zh: '该评价已开立事项 {no} 号，不再重复开立',
    en: 'Case {no} was already opened from this rating; no second one is opened',
  },
  E_CASE_NEEDS_CONTACT: {
    status: 422,
    zh: '未能当场答复的咨询须登记客户电话和承诺答复时间',
    en: "An enquiry not answered on the spot needs the customer's phone and a promised reply time",
  },
  E_UNKNOWN_STAFF: { status: 404, zh: '没有此工号：{staffNo}', en: 'No such staff number: {staffNo}' },
  E_COUNTER_NEEDED: {
    status: 403,
    zh: '请先在窗口登录再登记',
    en: 'Sign in at a counter before recording this',
  },
  E_UNKNOWN_HANDOVER: { status: 404, zh: '没有此交接记录', en: 'No such handover' },
  E_HANDOVER_SELF: {
    status: 403,
    zh: '不能签收自己写的交接，须由接班人员在其本人登录后签收',
    en: 'You cannot sign your own handover; the incoming clerk signs it in their own session',
  },
  E_HANDOVER_SIGNED: { status: 409, zh: '该交接已签收', en: 'This handover is already signed' },
  E_HANDOVER_WAITING: {
    status: 409,
    zh: '本窗口上一份交接尚未签收，请先由接班人员签收',
    en: "This counter's last handover is not signed yet; the incoming clerk signs it first",
  },
  E_HANDOVER_ITEM: {
    status: 422,
    zh: '交接事项第 {item} 项有误：{detail}',
    en: 'Handover item {item}: {detail}',
  },
  E_HANDOVER_ANSWER: {
    status: 422,
    zh: '签收第 {item} 项有误：{detail}',
    en: 'Signing item {item}: {detail}',
  },
  E_HANDOVER_NOT_DISPUTED: {
    status: 409,
    zh: '该交接没有异议，无需值班经理意见（异议在接班签收时写入）',
    en: 'This handover has no disagreement to rule on (disagreements are written when it is signed)',
  },
  E_HANDOVER_RULED: {
    status: 409,
    zh: '该交接已有值班经理意见',
    en: 'A duty manager has already written an opinion on this handover',
  },
  E_HANDOVER_EMPTY: {
    status: 422,
    zh: '交接至少要有一项',
    en: 'A handover needs at least one item',
  },
  E_TEMPERATURE: {
    status: 422,
    zh: '体温 {value} °C 不在 {min}–{max} °C 之间，请重新测量',
    en: 'A temperature of {value} °C is outside {min}–{max} °C; measure again',
  },
  E_UNKNOWN_LOAN: { status: 404, zh: '没有此借用记录', en: 'No such tool loan' },
  E_TOOL_RETURNED: { status: 409, zh: '该工具已归还', en: 'This tool has already been returned' },
  E_ARCHIVE_MOVED: {
    status: 409,
    zh: '归档期间记录有变化，请重新执行',
    en: 'The records changed while archiving; run it again',
  },
  E_UNKNOWN_ALERT: { status: 404, zh: '没有此提醒', en: 'No such alert' },
  E_INTERNAL: {
    status: 500,
    zh: '系统内部错误，已记录；未写入任何数据',
    en: 'Internal error, logged; nothing was written',
  },
  // Ratings (issue 12; R-EVAL-1).
  E_RATING_REFUSED: {
    status: 409,
    zh: '此次评价无效（{reason}），已记录',
    en: 'This press was not taken ({reason}) and has been recorded',
  },
  E_RATING_ALREADY: {
    status: 409,
    zh: '该号票已有评价请求或评价',
    en: 'This ticket already has a rating request or a rating',
  },
  E_RATING_OPEN: {
    status: 409,
    zh: '{counterNo} 号窗口已有进行中的评价请求',
    en: 'Counter {counterNo} already has a rating request open',
  },
  E_RATING_LEVEL: {
    status: 422,
    zh: '本厅评价器不设此档：{detail}',
    en: 'This hall’s pads do not have this level: {detail}',
  },
  E_SCREEN_CODE: {
    status: 401,
    zh: '客户屏配对码无效或已过期',
    en: 'The screen pairing code is invalid or expired',
  },
  E_NOT_THIS_SCREEN: {
    status: 403,
    zh: '此评价器只属于 {counterNo} 号窗口',
    en: 'This screen belongs to counter {counterNo} only',
  },
  // Checklists and the hall's day (issue 13).
  E_UNKNOWN_CHECKLIST: { status: 404, zh: '没有此检查表：{id}', en: 'No such checklist: {id}' },
  E_CHECKLIST_DONE: {
    status: 409,
    zh: '该检查表已完成；更正请提交补充记录并说明原因',
    en: 'This checklist is already completed; correct it with an amendment and a reason',
  },
  E_CHECKLIST_NOT_DONE: { status: 409, zh: '该检查表尚未完成', en: 'This checklist has not been completed' },
  E_CHECKLIST_ELSEWHERE: {
    status: 409,
    zh: '该检查表已由 {staffNo} 在其他窗口完成，请在该窗口或值班主任屏更正',
    en: 'This checklist was completed at another counter (by {staffNo}); correct it there or on the manager screen',
  },
  E_CHECKLIST_EARLY: {
    status: 409,
    zh: '该检查表 {at} 才开始',
    en: 'This checklist opens at {at}',
  },
  E_CHECKLIST_CLOSED: {
    status: 409,
    zh: '该检查表已错过，不能补做',
    en: 'This checklist was missed and may not be done late',
  },
  E_CHECKLIST_ITEMS: {
    status: 422,
    zh: '检查项不正确：{detail}',
    en: 'The checklist items are not valid: {detail}',
  },
  E_CHECKLIST_ROLE: {
    status: 403,
    zh: '该检查表须由{role}完成',
    en: 'This checklist is for the {role} to do',
  },
  E_PHOTO_TOO_LARGE: {
    status: 413,
    zh: '照片过大（最大 {max} KB）',
    en: 'The photo is too large (at most {max} KB)',
  },
  E_NOT_AN_IMAGE: {
    status: 415,
    zh: '文件不是 JPEG、PNG 或 WebP 图片',
    en: 'The file is not a JPEG, PNG or WebP image',
  },
  E_UNKNOWN_FOLLOWUP: { status: 404, zh: '没有此故障跟进', en: 'No such fault follow-up' },
  E_FOLLOWUP_RESOLVED: {
    status: 409,
    zh: '该故障跟进已处理',
    en: 'This fault follow-up is already resolved',
  },
  E_TEMPLATE_FROM_HO: {
    status: 409,
    zh: '{code} 是总部下发的模板，营业厅不能修改',
    en: '{code} is head office’s template; the hall cannot change it',
  },
  E_OPENING_CHECK: {
    status: 409,
    zh: '今日开厅检查尚未完成（{name}）；经理可说明原因强制开厅',
    en: 'Today’s opening check is not done ({name}); a manager may override with a reason',
  },
  E_TWO_STAFF: {
    status: 409,
    zh: '在岗人员少于两人（{count} 人），不能闭厅；经理可说明原因强制闭厅',
    en: 'Fewer than two staff are signed in ({count}); a manager may override with a reason',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string; replyCode?: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The code a reply carries: a variant's message may share its family's code (E_STORAGE_FULL → E_STORAGE). */
export function replyCode(code: ErrorCode): string {
  const entry = ERRORS[code];
  return 'replyCode' in entry ? entry.replyCode : code;
}

/**
 * A storage fault as SQLite reports it (better-sqlite3's error `code`): a full disk, or any other I/O
 * error. Null for everything else. Pure: it reads only the code string.
 */
export function storageFault(error: unknown): 'E_STORAGE_FULL' | 'E_STORAGE' | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return 'E_STORAGE_FULL';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CORRUPT' || code === 'SQLITE_CANTOPEN')
    return 'E_STORAGE';
  return null;
}
export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(formatError(code, 'en', params));
    this.name = 'DomainError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function formatError(code: ErrorCode, lang: Lang, params: ErrorParams = {}): string {
  const template = lang === 'en' ? ERRORS[code].en : ERRORS[code].zh;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Picks the reply language from an Accept-Language header; zh-CN is the default. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
