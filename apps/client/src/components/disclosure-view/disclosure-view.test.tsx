import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { approvedDisclosure } from './disclosure.fixture';
import { DisclosureView } from './disclosure-view';

jest.mock('../../platform/pdf-viewer', () => ({ openPdf: jest.fn() }));
jest.mock('../photo-thumb/photo-thumb', () => ({ PhotoThumb: ({ url }: { url: string }) => <img data-testid="photo" data-url={url} /> }));
const openPdf = jest.requireMock('../../platform/pdf-viewer').openPdf as jest.Mock;
const BASIS_ID = '3c1d9e2a-8f4b-4a6c-b7d2-5e9f0a1b2c3d';

describe('DisclosureView (五公开)', () => {
  it('shows the five disclosures with exact amounts and units, the basis kind, and who approved it when', () => {
    render(<DisclosureView disclosure={approvedDisclosure} />);
    expect(screen.getByText('1.20 元/平方米·月')).toBeTruthy();
    expect(screen.getByText('60 元/个·月')).toBeTruthy();
    expect(screen.getByText('三、收费依据（价格主管部门文件）')).toBeTruthy();
    expect(screen.getByTestId('complaint-phone').textContent).toBe('0951-5108826');
    expect(screen.getByTestId('disclosure-version').textContent).toContain('第2版 · 白雪梅');
  });

  it('opens a PDF 收费依据 as a document, shows a photo one as a photo', async () => {
    openPdf.mockResolvedValue(undefined);
    const { rerender } = render(<DisclosureView disclosure={{ ...approvedDisclosure, basisUploadId: BASIS_ID, basisUploadType: 'application/pdf' }} />);
    expect(screen.queryByTestId('photo')).toBeNull();
    fireEvent.click(screen.getByTestId('basis-pdf-link'));
    await waitFor(() => expect(openPdf).toHaveBeenCalledWith(`/api/uploads/${BASIS_ID}`));
    rerender(<DisclosureView disclosure={{ ...approvedDisclosure, basisUploadId: BASIS_ID, basisUploadType: 'image/jpeg' }} />);
    expect(screen.queryByTestId('basis-pdf-link')).toBeNull();
    expect(screen.getByTestId('photo').getAttribute('data-url')).toBe(`/api/uploads/${BASIS_ID}`);
  });
});
