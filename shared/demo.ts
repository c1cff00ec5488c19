import type { ChecklistTemplateInput } from './checklists/template.ts';

const pass = (code: string, label: string, labelEn: string) => ({
  code,
  label,
  labelEn,
  kind: 'pass_fail' as const,
});
/** R-FIRE-1: one extinguisher's monthly inspection: pressure gauge, seal, expiry. */
const extinguisher = (n: number, where: string, whereEn: string) => [
  {
    code: `ext${n}_pressure`,
    label: `${n} 号灭火器（${where}）压力`,
    labelEn: `Extinguisher ${n} (${whereEn}) pressure`,
    kind: 'number' as const,
    min: 1.0,
    max: 1.4,
    unit: 'MPa',
  },
  pass(`ext${n}_seal`, `${n} 号灭火器铅封完好`, `Extinguisher ${n} seal intact`),
  pass(`ext${n}_expiry`, `${n} 号灭火器在有效期内`, `Extinguisher ${n} within its expiry date`),
];

/**
 * The demo hall's checklist templates (issue 13), keyed by code: reference data from head office.
 * A demo is tried at any hour, so the opening check's window begins at 06:00 and a late one is allowed.
 */
const DEMO_CHECKLISTS: { code: string; template: ChecklistTemplateInput }[] = [
  {
    code: 'opening',
    template: {
      name: '开厅检查',
      nameEn: 'Opening check',
      rule: 'R-OPEN-1',
      recurrence: 'FREQ=DAILY',
      startTime: '06:00',
      dueTime: '08:00',
      opening: true,
      items: [
        pass('furniture', '桌椅、柜台无损坏', 'Furniture and counters undamaged'),
        pass('ac', '空调运行正常', 'Air conditioning works'),
        pass('pcs', '电脑开机正常', 'PCs start'),
        pass('register', '收款机正常', 'Cash register works'),
        pass('printers', '打印机正常', 'Printers work'),
        pass('kiosk', '叫号机正常', 'Queue kiosk works'),
        pass('leaflets', '宣传资料齐全、内容现行（R-OPEN-2）', 'Leaflets stocked and current (R-OPEN-2)'),
        pass('fees', '收费标准、办事流程公示到位（R-OPEN-2）', 'Fees and processes on display (R-OPEN-2)'),
        { code: 'photo', label: '厅堂照片', labelEn: 'Photo of the hall', kind: 'photo', required: false },
      ],
    },
  },
  {
    code: 'disinfection',
    template: {
      name: '每日消毒',
      nameEn: 'Daily disinfection',
      rule: 'R-DIS-1',
      recurrence: 'FREQ=DAILY',
      startTime: '07:00',
      dueTime: '12:00',
      items: [
        pass('counter_tops', '柜台台面', 'Counter tops'),
        pass('chairs', '座椅', 'Chairs'),
        pass('appliances', '电器设备', 'Appliances'),
        pass('kiosk', '叫号机', 'Queue kiosk'),
        pass('topup', '圈存机', 'Card top-up machine'),
        pass('work_area', '工作区域', 'Work area'),
        { code: 'agent', label: '消毒剂名称', labelEn: 'Disinfectant used', kind: 'text' },
      ],
    },
  },
  {
    code: 'closing',
    template: {
      name: '闭厅检查',
      nameEn: 'Closing check',
      rule: 'R-CLOSE-1',
      recurrence: 'FREQ=DAILY',
      startTime: '16:30',
      dueTime: '18:00',
      items: [
        pass('doors', '门窗已关闭', 'Doors and windows closed'),
        pass('lights', '灯光已关闭', 'Lights off'),
        pass('power', '设备电源已关闭', 'Power off'),
        { code: 'last_out', label: '最后离厅人员', labelEn: 'Last person out', kind: 'text' },
      ],
    },
  },
  {
    code: 'fire',
    template: {
      name: '灭火器月检',
      nameEn: 'Monthly fire extinguisher check',
      rule: 'R-FIRE-1',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      startTime: '08:00',
      dueTime: '17:00',
      role: 'manager',
      countersign: false,
      items: [...extinguisher(1, '大厅入口', 'entrance'), ...extinguisher(2, '后台', 'back office')],
    },
  },
  {
    code: 'health',
    template: {
      name: '员工健康登记',
      nameEn: 'Staff daily health record',
      rule: 'R-HLTH-1',
      recurrence: 'FREQ=DAILY',
      startTime: '07:00',
      dueTime: '09:00',
      items: [
        {
          code: 'temperature',
          label: '体温',
          labelEn: 'Temperature',
          kind: 'number',
          min: 35,
          max: 37.3,
          unit: '°C',
        },
        pass('symptoms', '无发热、咳嗽等症状', 'No fever, cough or other symptoms'),
      ],
    },
  },
  {
    code: 'drill',
    template: {
      name: '应急演练',
      nameEn: 'Emergency drill',
      rule: 'R-DRILL-1',
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15;BYMONTH=3,6,9,12',
      startTime: '09:00',
      dueTime: '16:00',
      role: 'manager',
      countersign: true,
      items: [
        {
          code: 'kind',
          label: '演练类型（消防/地震/网络故障）',
          labelEn: 'Drill (fire, earthquake, network failure)',
          kind: 'text',
        },
        {
          code: 'people',
          label: '参加人数',
          labelEn: 'People taking part',
          kind: 'number',
          min: 2,
          unit: '人',
        },
        pass('done', '按预案完成', 'Carried out as planned'),
      ],
    },
  },
];

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
  checklists: DEMO_CHECKLISTS,
};

/** A demo counter's display name, the same in the hall and at head office. */
export const demoCounterName = (counterNo: number): string => `${counterNo} 号窗口`;
