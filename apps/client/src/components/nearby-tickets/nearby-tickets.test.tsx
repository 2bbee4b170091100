import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import type { NearbyTicket } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { NearbyTickets, nearbyPlace } from './nearby-tickets';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { nearby: jest.fn(), follow: jest.fn() } }));
const nearby = ticketsApi.nearby as jest.Mock;
const follow = ticketsApi.follow as jest.Mock;

const ticket = (over: Partial<NearbyTicket>): NearbyTicket => ({
  id: 1, no: 'HG261120000001', status: 'dispatched', category: { id: 2, name: '路灯不亮', icon: 'light' }, summary: '3号楼门口路灯不亮',
  distanceM: 80, sameBuilding: false, followerCount: 0, following: false, mine: false, createdAt: '2026-11-20T02:00:00Z', ...over,
});

beforeEach(() => jest.resetAllMocks());

describe('NearbyTickets (也遇到了)', () => {
  it('asks only once a category and a place are chosen', async () => {
    nearby.mockResolvedValue({ items: [] });
    const { rerender } = render(<NearbyTickets compoundId={30} />);
    rerender(<NearbyTickets categoryId={2} compoundId={30} />);
    expect(nearby).not.toHaveBeenCalled();
    rerender(<NearbyTickets categoryId={2} compoundId={30} buildingId={31} />);
    await waitFor(() => expect(nearby).toHaveBeenCalledWith({ categoryId: 2, compoundId: 30, buildingId: 31 }));
    rerender(<NearbyTickets categoryId={2} compoundId={30} lat={38.49} lng={106.23} />);
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ categoryId: 2, lat: 38.49, lng: 106.23 }));
    expect(screen.queryByTestId('nearby-tickets')).toBeNull();
  });

  it('lists the neighbours’ tickets and follows one instead of filing it again', async () => {
    nearby.mockResolvedValue({
      items: [ticket({ id: 1, distanceM: 30, followerCount: 2 }), ticket({ id: 2, distanceM: null, sameBuilding: true }), ticket({ id: 3, mine: true })],
    });
    follow.mockResolvedValue({ ticketId: 1, following: true, followerCount: 3 });
    render(<NearbyTickets categoryId={2} lat={38.49} lng={106.23} buildingId={31} compoundId={30} />);
    expect(await screen.findByText('附近已有人报过同类问题')).toBeTruthy();
    expect(screen.getByText(/2人也遇到了/)).toBeTruthy();
    expect(screen.getByText('这是您报的')).toBeTruthy();
    expect(screen.queryByTestId('follow-3')).toBeNull();
    fireEvent.click(screen.getByTestId('follow-1'));
    await screen.findByTestId('following-1');
    expect(follow).toHaveBeenCalledWith(1, { lat: 38.49, lng: 106.23, buildingId: 31 });
    expect(screen.getByText(/3人也遇到了/)).toBeTruthy();
    expect(screen.getByTestId('follow-2')).toBeTruthy();
  });

  it('shows the API’s refusal in Chinese and keeps the button', async () => {
    nearby.mockResolvedValue({ items: [ticket({ id: 1 })] });
    follow.mockRejectedValue(new ApiError('ILLEGAL_TRANSITION', 409, 'only open tickets can be followed'));
    render(<NearbyTickets categoryId={2} lat={38.49} lng={106.23} />);
    fireEvent.click(await screen.findByTestId('follow-1'));
    expect(await screen.findByText('工单当前状态不允许此操作')).toBeTruthy();
    expect(screen.getByTestId('follow-1')).toBeTruthy();
  });

  it('stays out of the way when the search fails', async () => {
    nearby.mockRejectedValue(new ApiError('NETWORK_ERROR', 0, 'request failed'));
    render(<NearbyTickets categoryId={2} buildingId={31} />);
    await waitFor(() => expect(nearby).toHaveBeenCalled());
    expect(screen.queryByTestId('nearby-tickets')).toBeNull();
  });

  it('says where the match is', () => {
    expect(nearbyPlace({ distanceM: 80, sameBuilding: false })).toBe('约80米');
    expect(nearbyPlace({ distanceM: 4, sameBuilding: true })).toBe('就在附近');
    expect(nearbyPlace({ distanceM: null, sameBuilding: true })).toBe('同一楼栋');
  });
});
