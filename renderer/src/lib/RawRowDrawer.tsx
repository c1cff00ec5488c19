import type { ReactNode } from 'react';
import { Descriptions, Drawer } from 'antd';

/**
 * A quarantined journal row as it arrived, pretty-printed when it is JSON, under a few labelled facts
 * (where it came from, why it was refused). Head office's console and the hub's manager both use it.
 */
export function RawRowDrawer(props: {
  title: string;
  details: readonly (readonly [label: string, value: ReactNode])[] | null;
  raw: string | null;
  onClose: () => void;
}) {
  const { title, details, raw, onClose } = props;
  return (
    <Drawer open={raw !== null} onClose={onClose} title={title} size="large">
      {raw !== null ? (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            {(details ?? []).map(([label, value]) => (
              <Descriptions.Item key={label} label={label}>
                {value}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <pre className="raw-row">{pretty(raw)}</pre>
        </>
      ) : null}
    </Drawer>
  );
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
