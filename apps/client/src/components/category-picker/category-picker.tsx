import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Category } from '../../api/api.types';
import { categoryIcon } from '../../lib/category-icon.util';
import { firstCategories } from './common-categories.util';

export interface CategoryPickerProps {
  categories: Category[];
  value: number | undefined;
  onChange: (id: number) => void;
  invalid?: boolean;
}

/** 问题类型: the common kinds first, the rest behind 更多分类 (in both modes). */
export function CategoryPicker({ categories, value, onChange, invalid = false }: CategoryPickerProps) {
  const [all, setAll] = useState(false);
  const first = firstCategories(categories, value);
  const shown = all ? categories : first;
  return (
    <View>
      <View className={`category-grid ${invalid ? 'category-grid--invalid' : ''}`} role="radiogroup" aria-label="问题类型">
        {shown.map((c) => (
          <View
            key={c.id}
            className={`category-grid__item ${value === c.id ? 'category-grid__item--on' : ''}`}
            role="radio"
            aria-checked={value === c.id}
            onClick={() => onChange(c.id)}
            data-category={c.code}
          >
            <Text className="category-grid__icon" aria-hidden>{categoryIcon(c.icon)}</Text>
            <Text className="category-grid__name">{c.name}</Text>
          </View>
        ))}
      </View>
      {shown.length < categories.length && (
        <View className="category-more" role="button" onClick={() => setAll(true)} data-testid="more-categories">
          更多分类（共{categories.length}类）
        </View>
      )}
    </View>
  );
}
