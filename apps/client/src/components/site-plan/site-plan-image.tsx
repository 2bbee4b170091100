import { Image } from '@tarojs/components';
import { useMemo } from 'react';
import type { SitePlanDoc } from '../../api/api.types';
import { planUnitsPerPixel, tapPosition, tapToPlan, type XY } from '../../lib/site-plan-tap.util';
import { elementRect } from '../../platform/element-rect';
import { renderSitePlanSvg, svgDataUri, type SitePlanDrawing } from './site-plan.svg';

export interface SitePlanImageProps {
  /** The element id the layout is measured by: unique on the page. */
  id: string;
  plan: SitePlanDoc;
  drawing?: SitePlanDrawing;
  /** A tap on the sheet, in plan coordinates, with the plan units one screen pixel spans now. */
  onTapPlan?: (p: XY, unitsPerPx: number) => void;
  /** What a screen reader says for the picture (H5's <img alt>). */
  alt?: string;
}

/**
 * The plan as a picture (an SVG data URI in an <Image>, which both platforms render), and a tap on
 * it turned into plan coordinates from the tap's position and the image's measured box.
 */
export function SitePlanImage({ id, plan, drawing = {}, onTapPlan, alt = '小区平面图' }: SitePlanImageProps) {
  const src = useMemo(() => svgDataUri(renderSitePlanSvg(plan, drawing)), [plan, drawing]);
  const onClick = async (e: unknown) => {
    if (!onTapPlan) return;
    // Read the position before awaiting: the event object is not ours to keep.
    const tap = tapPosition(e);
    if (!tap) return;
    const rect = await elementRect(id);
    if (!rect) return;
    const p = tapToPlan(tap, rect, plan);
    if (p) onTapPlan(p, planUnitsPerPixel(rect, plan));
  };
  return <Image id={id} className="site-plan__image" src={src} mode="widthFix" onClick={onClick} nativeProps={{ alt }} data-testid="site-plan-image" />;
}
