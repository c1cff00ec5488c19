import { Input } from 'antd';

/**
 * The day or month a staff screen shows, in the browser's own picker (`2026-11-25`, `2026-11`); the
 * value is passed on as typed, empty too, for the screen to decide what an empty one means.
 */
export function PeriodInput(props: {
  kind: 'date' | 'month';
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Input
      type={props.kind}
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      style={{ width: 180 }}
    />
  );
}
