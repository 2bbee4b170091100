import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { Activity } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { useSubmit } from './use-submit.hook';

const WHEN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** "2026-06-01 09:00" read as Beijing time (the community's clock, whatever the phone's zone), or null. */
export function parseBeijing(text: string): string | null {
  const m = WHEN.exec(text.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Tomorrow 09:00 in Beijing, as the form's first suggestion. */
export function tomorrowNine(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3_600_000 + 86_400_000);
  return `${d.toISOString().slice(0, 10)} 09:00`;
}

/** 发布活动: title, place, start (Beijing time), hours credited and capacity. */
export function ActivityForm({ communityId, onPublished, now = () => new Date() }: { communityId: number; onPublished: (a: Activity) => void; now?: () => Date }) {
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [when, setWhen] = useState(() => tomorrowNine(now()));
  const [hours, setHours] = useState('2');
  const [capacity, setCapacity] = useState('20');
  const { busy, problem, setProblem, submit } = useSubmit(onPublished, '活动已发布');
  const send = () => {
    const startsAt = parseBeijing(when);
    if (!title.trim() || !place.trim()) return setProblem('请填写活动名称和地点');
    if (!startsAt) return setProblem('时间格式：2026-06-01 09:00');
    void submit(() => pointsApi.publish({ communityId, title: title.trim(), place: place.trim(), startsAt, hours: Number(hours), capacity: Number(capacity) }));
  };
  return (
    <View className="card form">
      <Input className="input" placeholder="活动名称，如：小区环境集体劳动" value={title} onInput={(e) => setTitle(e.detail.value)} data-testid="activity-title" />
      <Input className="input" placeholder="地点" value={place} onInput={(e) => setPlace(e.detail.value)} data-testid="activity-place" />
      <Input className="input" placeholder="开始时间 2026-06-01 09:00" value={when} onInput={(e) => setWhen(e.detail.value)} data-testid="activity-when" />
      <Input className="input" type="digit" placeholder="计入时长（小时）" value={hours} onInput={(e) => setHours(e.detail.value)} data-testid="activity-hours" />
      <Input className="input" type="number" placeholder="名额" value={capacity} onInput={(e) => setCapacity(e.detail.value)} data-testid="activity-capacity" />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy} onClick={send} data-testid="activity-submit">发布活动</Button>
    </View>
  );
}
