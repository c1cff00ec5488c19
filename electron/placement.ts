import type { DisplayInfo, WindowRole } from '../shared/shell/config.ts';

/** The part of Electron's `Display` that placement reads (so tests pass plain objects). */
export interface ScreenDisplay {
  id: number;
  label?: string;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  touchSupport: 'available' | 'unavailable' | 'unknown';
}

/**
 * Which display each window goes to: the one the setup chose while it is plugged in; otherwise the
 * customer's window on a secondary display (a touch one first) and every other window on the primary.
 * Called again on every display-added/removed, so a window whose display is gone comes back to one
 * that exists.
 */
export function placeWindows<D extends ScreenDisplay>(
  roles: readonly WindowRole[],
  displays: readonly D[],
  primaryId: number,
  requested: Partial<Record<WindowRole, number>>,
): Map<WindowRole, D> {
  const placed = new Map<WindowRole, D>();
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return placed;
  const secondary = [...displays]
    .filter((d) => d.id !== primary.id)
    .sort((a, b) => touchRank(a) - touchRank(b) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y)[0];
  for (const role of roles) {
    const chosen = displays.find((d) => d.id === requested[role]);
    placed.set(role, chosen ?? (role === 'customer' ? (secondary ?? primary) : primary));
  }
  return placed;
}

const touchRank = (d: ScreenDisplay) => (d.touchSupport === 'available' ? 0 : 1);

/** The displays as the setup screen lists them. */
export function describeDisplays(displays: readonly ScreenDisplay[], primaryId: number): DisplayInfo[] {
  return displays.map((d, i) => ({
    id: d.id,
    label: d.label || `${i + 1}`,
    primary: d.id === primaryId,
    touch: d.touchSupport === 'available',
    bounds: d.bounds,
  }));
}
