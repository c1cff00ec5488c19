/**
 * The demo hall of DESIGN §6: four services, six counters, a manager and six clerks, PIN 123456.
 * The hall seeds it as its own records; head office's demo holds the same as reference data, so the
 * console shows what the demo hall runs.
 */
export const DEMO = {
  services: [
    { code: 'A', name: '缴费', nameEn: 'Bill payment', prefix: 'A', slaMinutes: 5, open: true, sort: 1 },
    {
      code: 'B',
      name: '业务办理',
      nameEn: 'New connection / change',
      prefix: 'B',
      slaMinutes: 20,
      open: true,
      sort: 2,
    },
    { code: 'C', name: '咨询', nameEn: 'Enquiry', prefix: 'C', slaMinutes: 5, open: true, sort: 3 },
    { code: 'D', name: '投诉', nameEn: 'Complaint', prefix: 'D', slaMinutes: 20, open: true, sort: 4 },
  ],
  counters: [
    { counterNo: 1, services: ['A', 'C'] },
    { counterNo: 2, services: ['A', 'C'] },
    { counterNo: 3, services: ['B', 'C'] },
    { counterNo: 4, services: ['B', 'C'] },
    { counterNo: 5, services: ['A', 'B', 'C'] },
    { counterNo: 6, services: ['D', 'C'] },
  ],
  staff: [
    { staffNo: '9001', name: '王敏', role: 'manager' as const },
    { staffNo: '1001', name: '李娜', role: 'clerk' as const },
    { staffNo: '1002', name: '张伟', role: 'clerk' as const },
    { staffNo: '1003', name: '刘洋', role: 'clerk' as const },
    { staffNo: '1004', name: '陈静', role: 'clerk' as const },
    { staffNo: '1005', name: '杨帆', role: 'clerk' as const },
    { staffNo: '1006', name: '赵磊', role: 'clerk' as const },
  ],
  pin: '123456',
  /** The fee schedule (R-FEE-1), keyed by code; bill payment by account needs no entry. */
  fees: [
    { code: 'F01', name: '电能表校验费', nameEn: 'Meter accuracy test', unit: '次', amountFen: 2_000 },
    { code: 'F02', name: '复电费', nameEn: 'Reconnection', unit: '次', amountFen: 5_000 },
    { code: 'F03', name: 'IC 卡补卡费', nameEn: 'Replacement prepaid card', unit: '张', amountFen: 1_000 },
    { code: 'F04', name: '燃气表安装费', nameEn: 'Gas meter installation', unit: '户', amountFen: 15_000 },
    { code: 'F05', name: '证明材料打印', nameEn: 'Certificate printout', unit: '份', amountFen: 200 },
  ],
};

/** A demo counter's display name, the same in the hall and at head office. */
export const demoCounterName = (counterNo: number): string => `${counterNo} 号窗口`;
