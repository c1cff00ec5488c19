/** Ticket numbers: per service prefix, per business day, allocated by the hub (DESIGN §2). */
export function formatTicketNumber(prefix: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`ticket sequence must be ≥ 1, got ${seq}`);
  return `${prefix}${String(seq).padStart(3, '0')}`;
}
