import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { pointsApi } from '../../api/points.api';
import { ActivityForm, parseBeijing } from './activity-form';

jest.mock('../../api/points.api', () => ({ pointsApi: { publish: jest.fn() } }));
const publish = pointsApi.publish as jest.Mock;

describe('ActivityForm (发布活动)', () => {
  beforeEach(() => publish.mockReset());

  it('publishes with the start read as Beijing time, hours and capacity', async () => {
    publish.mockResolvedValue({ id: 9 });
    const onPublished = jest.fn();
    render(<ActivityForm communityId={3} onPublished={onPublished} now={() => new Date('2026-05-31T20:00:00Z')} />);
    expect((screen.getByTestId('activity-when') as HTMLInputElement).value).toBe('2026-06-02 09:00');
    fireEvent.change(screen.getByTestId('activity-title'), { target: { value: '楼道清理' } });
    fireEvent.change(screen.getByTestId('activity-place'), { target: { value: '湖畔嘉苑6号楼' } });
    fireEvent.change(screen.getByTestId('activity-when'), { target: { value: '2026-06-01 09:00' } });
    fireEvent.change(screen.getByTestId('activity-hours'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(onPublished).toHaveBeenCalledWith({ id: 9 }));
    expect(publish).toHaveBeenCalledWith({ communityId: 3, title: '楼道清理', place: '湖畔嘉苑6号楼', startsAt: '2026-06-01T01:00:00.000Z', hours: 1.5, capacity: 20 });
  });

  it('refuses a time it cannot read', () => {
    render(<ActivityForm communityId={3} onPublished={jest.fn()} />);
    fireEvent.change(screen.getByTestId('activity-title'), { target: { value: '楼道清理' } });
    fireEvent.change(screen.getByTestId('activity-place'), { target: { value: '6号楼' } });
    fireEvent.change(screen.getByTestId('activity-when'), { target: { value: '明天上午' } });
    fireEvent.click(screen.getByTestId('activity-submit'));
    expect(screen.getByText(/时间格式/)).toBeTruthy();
    expect(publish).not.toHaveBeenCalled();
    expect(parseBeijing('2026-06-01 00:30')).toBe('2026-05-31T16:30:00.000Z');
  });
});
