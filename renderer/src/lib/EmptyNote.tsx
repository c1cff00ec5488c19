/** An empty table's or list's note, dark enough for WCAG AA (antd's placeholder grey is not). */
export function EmptyNote({ children }: { children: string }) {
  return <span style={{ color: '#4a4a4a' }}>{children}</span>;
}
