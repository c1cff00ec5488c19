import type { ReactNode } from 'react';
import { Table, type TableProps } from 'antd';
import { EmptyNote } from './EmptyNote.tsx';

/**
 * A staff screen's list, so that every list looks and pages alike (STYLE.md "Screens"): small, all rows
 * on one page unless `pageSize` is given (then paged, with no pager while one page holds them all), and
 * `empty` as the empty table's note: a string as an EmptyNote (dark enough for WCAG AA), or any node
 * (the console's Empty picture). Every other Table prop passes through (`size="middle"` too).
 */
export function ListTable<T extends object>({
  empty,
  pageSize,
  ...table
}: Omit<TableProps<T>, 'pagination' | 'locale'> & { empty?: ReactNode; pageSize?: number }) {
  return (
    <Table<T>
      size="small"
      pagination={pageSize === undefined ? false : { pageSize, hideOnSinglePage: true }}
      locale={
        empty === undefined
          ? undefined
          : { emptyText: typeof empty === 'string' ? <EmptyNote>{empty}</EmptyNote> : empty }
      }
      {...table}
    />
  );
}
