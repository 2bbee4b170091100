// @tarojs/components as plain DOM elements, with Taro's event shapes (`e.detail.value`).
import { createElement, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode; className?: string };

const passthrough = (tag: string) =>
  function Component({ children, className, ...rest }: Props) {
    const dom: Record<string, unknown> = { className };
    for (const [k, v] of Object.entries(rest)) {
      if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'onClick' || k === 'style' || k === 'disabled') dom[k] = v;
    }
    return createElement(tag, dom, children);
  };

export const View = passthrough('div');
export const Text = passthrough('span');
export const ScrollView = passthrough('div');
export const Button = passthrough('button');

export function Image({ src, className, onClick, id, ...rest }: Props) {
  return createElement('img', { src, className, onClick, id, alt: '', 'data-testid': rest['data-testid'] });
}

function field(tag: 'input' | 'textarea') {
  return function Field({ value, placeholder, onInput, className, ...rest }: Props) {
    return createElement(tag, {
      className,
      value: value ?? '',
      placeholder,
      'data-testid': rest['data-testid'],
      type: rest.password ? 'password' : undefined,
      onChange: (e: { target: { value: string } }) => (onInput as (e: unknown) => void)?.({ detail: { value: e.target.value } }),
    });
  };
}

export const Input = field('input');
export const Textarea = field('textarea');

export function Switch({ checked, onChange, ...rest }: Props) {
  return createElement('input', {
    type: 'checkbox',
    checked: !!checked,
    'data-testid': rest['data-testid'],
    onChange: (e: { target: { checked: boolean } }) => (onChange as (e: unknown) => void)?.({ detail: { value: e.target.checked } }),
  });
}

/** Picker as a plain date input around its label (the tests set `mode="date"` pickers only). */
export function Picker({ children, value, onChange, ...rest }: Props) {
  return createElement(
    'label',
    { 'data-testid': rest['data-testid'] },
    children,
    createElement('input', {
      type: 'date',
      value: value ?? '',
      onChange: (e: { target: { value: string } }) => (onChange as (e: unknown) => void)?.({ detail: { value: e.target.value } }),
    }),
  );
}
