import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { Category } from '../../api/api.types';
import { activeFilters, cleanFilter, TicketFilterBar, type TicketFilter } from './ticket-filter-bar';

const categories = [
  { id: 3, code: 'manhole_cover_missing', name: '井盖缺失', group: '市政', icon: 'manhole' },
  { id: 4, code: 'street_light_out', name: '路灯不亮', group: '市政', icon: 'light' },
] as Category[];

/** The bar as a page holds it: every change lands in `seen`, the list's next query. */
function Harness({ staff, seen }: { staff?: boolean; seen: TicketFilter[] }) {
  const [value, setValue] = useState<TicketFilter>({});
  return <TicketFilterBar value={value} categories={categories} staff={staff} onChange={(v) => (seen.push(v), setValue(v))} />;
}

describe('TicketFilterBar', () => {
  it('searches the typed words on 搜索, trimmed; an empty search clears the words', () => {
    const seen: TicketFilter[] = [];
    render(<Harness seen={seen} />);
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: '  井盖 3号楼 ' } });
    expect(seen).toEqual([]); // typing alone does not reload the list
    fireEvent.click(screen.getByTestId('filter-search'));
    expect(seen.at(-1)).toEqual({ text: '井盖 3号楼' });
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('filter-search'));
    expect(seen.at(-1)).toEqual({});
  });

  it('staff: category, 来源, dates and 只看超期 combine, the toggle counts them, 清除筛选 keeps the words', () => {
    const seen: TicketFilter[] = [];
    render(<Harness staff seen={seen} />);
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: 'HG2612' } });
    fireEvent.click(screen.getByTestId('filter-search'));
    fireEvent.click(screen.getByTestId('filter-toggle'));
    fireEvent.click(screen.getByTestId('filter-category'));
    fireEvent.click(screen.getByText('井盖缺失'));
    fireEvent.click(screen.getByText('12345热线'));
    fireEvent.change(screen.getByTestId('filter-from').querySelector('input')!, { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByTestId('filter-to').querySelector('input')!, { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByTestId('filter-overdue'));
    expect(seen.at(-1)).toEqual({ text: 'HG2612', categoryId: 3, channel: 'hotline_12345', from: '2026-11-01', to: '2026-11-30', overdue: 'true' });
    expect(screen.getByTestId('filter-toggle').textContent).toBe('筛选(5)');
    fireEvent.click(screen.getByTestId('filter-overdue'));
    expect(seen.at(-1)?.overdue).toBeUndefined();
    fireEvent.click(screen.getByTestId('filter-clear'));
    expect(seen.at(-1)).toEqual({ text: 'HG2612' });
  });

  it('a resident’s bar has no 来源 or 超期 filter', () => {
    render(<Harness seen={[]} />);
    fireEvent.click(screen.getByTestId('filter-toggle'));
    expect(screen.queryByTestId('filter-overdue')).toBeNull();
    expect(screen.queryByText('12345热线')).toBeNull();
    expect(screen.getByTestId('filter-category')).toBeTruthy();
  });

  it('cleanFilter and activeFilters ignore empty values', () => {
    expect(cleanFilter({ text: ' ', categoryId: undefined, from: '', overdue: 'false' })).toEqual({});
    expect(activeFilters({ text: 'x', overdue: 'false' })).toBe(0);
  });
});
