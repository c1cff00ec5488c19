import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import { validSettingValue } from '../../shared/events/catalog.ts';
import { hoursInOrder, type Settings, type SettingsPatch } from '../../shared/settings.ts';
import { recordedBy, type WriteContext, type Principal } from '../context.ts';
import { hallDayCheck } from '../checklists/service.ts';

/**
 * R-HRS-2: closing stops the kiosk issuing; waiting tickets are untouched and still served. R-OPEN-1:
 * opening needs today's opening checklist done; R-CLOSE-1: closing needs two staff signed in; a
 * manager's override with a reason lets either through and is logged (hall/checklists/service.ts).
 */
export function setHallOpen(
  ctx: WriteContext,
  by: Principal,
  open: boolean,
  override?: { reason: string },
): void {
  const hall = read.hall(ctx.db);
  if (!hall || hall.open === open) return;
  hallDayCheck(ctx, open, by.kind === 'staff' ? by.staffId : null, override);
  ctx.journal.append(open ? 'hall.opened' : 'hall.closed', {}, recordedBy(by));
}

export function setServiceOpen(ctx: WriteContext, by: Principal, code: string, open: boolean): void {
  const service = read.services(ctx.db).find((s) => s.code === code);
  if (!service) throw new DomainError('E_UNKNOWN_SERVICE', { code });
  if (service.open !== open)
    ctx.journal.append(open ? 'service.opened' : 'service.closed', { code }, recordedBy(by));
}

export function changeSettings(ctx: WriteContext, by: Principal, patch: SettingsPatch): Settings {
  const current = read.settings(ctx.db);
  for (const [key, value] of Object.entries(patch)) {
    if (!validSettingValue(key, value)) throw new DomainError('E_SETTING', { key });
  }
  // Checked on the settings as they would be, so a patch of one end cannot cross the other.
  const next = { ...current, ...patch };
  if (('openingTime' in patch || 'closingTime' in patch) && !hoursInOrder(next))
    throw new DomainError('E_OPENING_HOURS', { open: next.openingTime, close: next.closingTime });
  for (const [key, value] of Object.entries(patch)) {
    if (JSON.stringify(current[key as keyof Settings]) === JSON.stringify(value)) continue;
    ctx.journal.append('setting.changed', { key, value }, recordedBy(by));
  }
  return read.settings(ctx.db);
}
