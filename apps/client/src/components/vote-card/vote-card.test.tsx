import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { VoteCard } from './vote-card';
import { openVote } from './vote.fixture';

describe('VoteCard', () => {
  it('shows the question, the phase, the matter and how many of my units voted; opens the vote', () => {
    render(<VoteCard vote={openVote} />);
    expect(screen.getByText('是否解聘上海永绿物业公司')).toBeTruthy();
    expect(screen.getByText('投票中')).toBeTruthy();
    expect(screen.getByText(/云凤花园 · 一般事项/)).toBeTruthy();
    expect(screen.getByText('我的房屋：已投 1 / 2 户')).toBeTruthy();
    fireEvent.click(screen.getByText('是否解聘上海永绿物业公司'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/vote/index?id=5' });
  });

  it('says nothing about units to someone who owns none here (staff)', () => {
    render(<VoteCard vote={{ ...openVote, myUnits: [], phase: 'pending_review' }} />);
    expect(screen.getByText('待社区审核')).toBeTruthy();
    expect(screen.queryByText(/我的房屋/)).toBeNull();
  });
});
