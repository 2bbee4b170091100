import { elementRect } from './element-rect.h5';

/** A page container holding a plan image host with this id, laid out at `box` (zero size when hidden). */
function page(id: string, box: { left: number; top: number; width: number; height: number }): HTMLElement {
  const container = document.createElement('div');
  container.className = 'taro_page';
  const host = document.createElement('taro-image-core');
  host.id = id;
  const img = document.createElement('img');
  // jsdom lays nothing out: give the picture the box the browser would.
  img.getBoundingClientRect = () => ({ ...box, x: box.left, y: box.top, right: box.left + box.width, bottom: box.top + box.height, toJSON: () => box });
  host.appendChild(img);
  container.appendChild(host);
  document.body.appendChild(container);
  return container;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('elementRect (H5)', () => {
  it('measures the picture on the top page when a page lower in the stack holds the same id', async () => {
    page('plan-map', { left: -375, top: 231, width: 323, height: 269 }); // sliding out
    page('plan-map', { left: 26, top: 231, width: 323, height: 269 });
    expect(await elementRect('plan-map')).toEqual({ left: 26, top: 231, width: 323, height: 269 });
  });

  it('skips a copy with no box (a hidden page, or a picture not loaded yet)', async () => {
    page('plan-map', { left: 26, top: 100, width: 323, height: 269 });
    page('plan-map', { left: 0, top: 0, width: 0, height: 0 });
    expect(await elementRect('plan-map')).toEqual({ left: 26, top: 100, width: 323, height: 269 });
  });

  it('answers null when nothing with the id is laid out', async () => {
    expect(await elementRect('plan-map')).toBeNull();
    page('plan-map', { left: 0, top: 0, width: 0, height: 0 });
    expect(await elementRect('plan-map')).toBeNull();
  });
});
