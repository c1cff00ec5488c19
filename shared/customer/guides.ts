import { z } from 'zod';
import { ServiceCode } from '../primitives.ts';
import { SafeText } from '../text.ts';

/** A line shown to the customer in both languages. */
export const BiText = z.object({ zh: SafeText(80), en: SafeText(120) });
export type BiText = z.infer<typeof BiText>;

/**
 * What the customer screen says about a business type (R-SCR-1, R-FR-3, R-FR-4): its steps, the
 * complete list of materials it needs (told in one go), and how many days its completion is promised in.
 */
export const ServiceGuide = z.object({
  steps: z.array(BiText).min(1).max(10),
  materials: z.array(BiText).max(20),
  /** R-FR-4: the acceptance notice promises completion this many calendar days after acceptance; 0: same day. */
  promisedDays: z.number().int().min(0).max(90),
});
export type ServiceGuide = z.infer<typeof ServiceGuide>;

export const ServiceGuides = z.record(ServiceCode, ServiceGuide);

const t = (zh: string, en: string) => ({ zh, en });

/** The demo hall's services A–D (DESIGN §6), with the steps and materials a utility hall asks for. */
export const DEMO_GUIDES: z.infer<typeof ServiceGuides> = {
  A: {
    steps: [
      t('核对户号', 'Check the account'),
      t('确认金额', 'Confirm the amount'),
      t('收款开票', 'Payment and receipt'),
    ],
    materials: [t('缴费通知单或户号', 'Bill or account number')],
    promisedDays: 0,
  },
  B: {
    steps: [
      t('受理申请', 'Application received'),
      t('核验材料', 'Documents checked'),
      t('现场勘查', 'Site survey'),
      t('装表接电', 'Meter installed and connected'),
    ],
    materials: [
      t('户主身份证原件及复印件', "Owner's ID card and a copy"),
      t('房屋产权证明或租赁合同', 'Proof of ownership or tenancy agreement'),
      t('用电申请表（现场填写）', 'Application form (filled in here)'),
      t('委托书及代办人身份证（代办时）', "Letter of authority and agent's ID (when acting for the owner)"),
    ],
    promisedDays: 5,
  },
  C: {
    steps: [t('了解问题', 'Understand the question'), t('答复', 'Answer')],
    materials: [],
    promisedDays: 0,
  },
  D: {
    steps: [
      t('记录诉求', 'Record the complaint'),
      t('调查核实', 'Investigate'),
      t('答复处理意见', 'Reply with the handling opinion'),
    ],
    materials: [t('身份证件', 'ID card'), t('相关票据或照片（如有）', 'Related receipts or photos (if any)')],
    promisedDays: 5,
  },
};
