/**
 * A price band in the trade's words (src/domain/report/bands.ts), for every
 * screen that groups by price: the report's structure and the monthly
 * agreement.
 */
import { msg } from '@lit/localize';
import type { BandOf } from '../domain/report/bands.ts';

/** The name of a price band: "¥200–300/条", "≥¥500/条", "<¥5/包". */
export function priceBandName(band: Pick<BandOf, 'perCarton' | 'fromCents' | 'toCents'>): string {
  const unit = band.perCarton ? msg('条', { id: 'band-per-carton' }) : msg('包');
  const yuan = (cents: number) => `¥${cents / 100}`;
  if (band.toCents === undefined) return `≥${yuan(band.fromCents)}/${unit}`;
  if (band.fromCents === 0) return `<${yuan(band.toCents)}/${unit}`;
  return `${yuan(band.fromCents)}–${band.toCents / 100}/${unit}`;
}
