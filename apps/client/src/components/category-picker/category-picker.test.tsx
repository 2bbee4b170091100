import { fireEvent, render, screen } from '@testing-library/react';
import type { Category } from '../../api/api.types';
import { CategoryPicker } from './category-picker';
import { COMMON_CATEGORY_CODES } from './common-categories.util';

const codes = [...COMMON_CATEGORY_CODES, 'garbage_collection', 'noise_nuisance', 'gas_leak', 'illegal_parking'];
// Listed in another order than the common ones, as the API's list is.
const categories = codes.reverse().map((code, i) => ({ id: i + 1, code, name: `类${code}`, icon: 'other', defaultPriority: 'normal' }) as unknown as Category);

const shownCodes = (container: HTMLElement) => Array.from(container.querySelectorAll('[data-category]')).map((e) => e.getAttribute('data-category'));

describe('CategoryPicker', () => {
  it('shows the six common kinds first, in their order, and the rest behind 更多分类', () => {
    const { container } = render(<CategoryPicker categories={categories} value={undefined} onChange={jest.fn()} />);
    expect(shownCodes(container)).toEqual(COMMON_CATEGORY_CODES);
    fireEvent.click(screen.getByTestId('more-categories'));
    expect(shownCodes(container)).toHaveLength(10);
    expect(screen.queryByTestId('more-categories')).toBeNull();
  });

  it('keeps a chosen uncommon kind (a restored draft) on the first screen, marked', () => {
    const gas = categories.find((c) => c.code === 'gas_leak')!;
    const { container } = render(<CategoryPicker categories={categories} value={gas.id} onChange={jest.fn()} />);
    expect(shownCodes(container)).toEqual([...COMMON_CATEGORY_CODES, 'gas_leak']);
    expect(container.querySelector('[data-category="gas_leak"]')?.getAttribute('aria-checked')).toBe('true');
    expect(container.querySelector('[data-category="gas_leak"]')?.className).toContain('category-grid__item--on');
  });

  it('a short list shows everything at once, with no 更多分类', () => {
    const { container } = render(<CategoryPicker categories={categories.slice(0, 3)} value={undefined} onChange={jest.fn()} />);
    expect(shownCodes(container)).toHaveLength(3);
    expect(screen.queryByTestId('more-categories')).toBeNull();
  });

  it('choosing calls back with the id', () => {
    const onChange = jest.fn();
    render(<CategoryPicker categories={categories} value={undefined} onChange={onChange} />);
    fireEvent.click(screen.getByText('类pipe_leak'));
    expect(onChange).toHaveBeenCalledWith(categories.find((c) => c.code === 'pipe_leak')!.id);
  });
});
