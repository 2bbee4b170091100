import { View } from '@tarojs/components';
import { chineseMessage } from '../../api/api-error';
import { NotFound } from './not-found';

const NOT_FOUND_TEXT = chineseMessage('NOT_FOUND');

/** A screen that could not load: a 404 answer becomes the not-found view with its way home. */
export function ScreenProblem({ text }: { text: string }) {
  if (text === NOT_FOUND_TEXT) return <NotFound title={NOT_FOUND_TEXT} detail="可能已被删除，或不在您的管辖范围内。" />;
  return <View className="error-text">{text}</View>;
}
