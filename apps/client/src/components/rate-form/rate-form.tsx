import { Button, Text, Textarea, View } from '@tarojs/components';
import { RATING_LABELS, RATINGS, type Rating } from '@red-butler/domain';
import { useState } from 'react';

const FACES: Record<Rating, string> = { satisfied: '😊', basically_satisfied: '🙂', dissatisfied: '☹️' };

export interface RateFormProps {
  busy?: boolean;
  onSubmit: (rating: Rating, comment: string) => void;
}

/** 回访: 满意 / 基本满意 / 不满意 and a comment; 不满意 sends the ticket back to the handler. */
export function RateForm({ busy, onSubmit }: RateFormProps) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  return (
    <View className="card rate-form">
      <View className="section-title">对办理结果满意吗？</View>
      <View className="rate-form__options">
        {RATINGS.map((r) => (
          <View
            key={r}
            className={`rate-form__option ${rating === r ? 'rate-form__option--on' : ''}`}
            onClick={() => setRating(r)}
            data-rating={r}
          >
            <Text className="rate-form__face">{FACES[r]}</Text>
            <Text>{RATING_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      {rating === 'dissatisfied' && <View className="hint">选择“不满意”后，工单将退回原处理单位重新办理。</View>}
      <Textarea
        className="textarea"
        placeholder="说说您的意见（选填）"
        maxlength={500}
        value={comment}
        onInput={(e) => setComment(e.detail.value)}
      />
      <Button className="btn btn--primary" disabled={!rating || busy} onClick={() => rating && onSubmit(rating, comment.trim())}>
        提交评价
      </Button>
    </View>
  );
}
