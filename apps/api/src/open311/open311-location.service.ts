import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Open311Error } from './open311.error';

/** How far from a compound's point a lat/long may be and still be taken as that compound. */
export const COMPOUND_RADIUS_M = 500;

export interface PlacedCompound {
  id: number;
  name: string;
  lat: number | null;
  lng: number | null;
  /** Set when address_id named a building. */
  buildingId: number | null;
  buildingName: string | null;
}

interface UnitRow {
  id: number;
  name: string;
  lat: number | null;
  lng: number | null;
}

/**
 * Every ticket belongs to one compound (小区): it decides the community that dispatches and the
 * property company that serves it. A GeoReport location is mapped to one, in this order:
 * address_id (the code of a compound or building), lat/long (the nearest compound within
 * COMPOUND_RADIUS_M), address_string (the longest compound name it contains).
 */
@Injectable()
export class Open311LocationService {
  constructor(private readonly db: DataSource) {}

  async place(where: { lat?: number; lng?: number; addressString?: string; addressId?: string }): Promise<PlacedCompound> {
    if (where.addressId) return this.byAddressId(where.addressId);
    if (where.lat !== undefined && where.lng !== undefined) {
      const near = await this.nearest(where.lat, where.lng);
      if (near) return near;
      if (!where.addressString) {
        throw Open311Error.badRequest(`lat/long: no compound we serve within ${COMPOUND_RADIUS_M} m of ${where.lat},${where.lng}`);
      }
    }
    if (where.addressString) {
      const named = await this.byName(where.addressString);
      if (named) return named;
      throw Open311Error.badRequest('address_string: names no compound we serve (include the 小区 name, e.g. 湖畔嘉苑6号楼)');
    }
    throw Open311Error.badRequest('location: lat and long, address_string or address_id is required');
  }

  private async nearest(lat: number, lng: number): Promise<PlacedCompound | null> {
    // A bounding box first (~0.01° ≈ 1.1 km) keeps the distance maths to a handful of rows.
    const rows: UnitRow[] = await this.db.query(
      `SELECT id, name, lat, lng FROM (
         SELECT id, name, lat, lng,
                2 * 6371000 * asin(sqrt(power(sin(radians(lat - $1) / 2), 2)
                  + cos(radians($1)) * cos(radians(lat)) * power(sin(radians(lng - $2) / 2), 2))) AS meters
           FROM org_units
          WHERE kind = 'compound' AND lat BETWEEN $1 - 0.01 AND $1 + 0.01 AND lng BETWEEN $2 - 0.015 AND $2 + 0.015) near
        WHERE meters <= $3 ORDER BY meters LIMIT 1`,
      [lat, lng, COMPOUND_RADIUS_M],
    );
    return rows[0] ? { ...rows[0], buildingId: null, buildingName: null } : null;
  }

  private async byName(address: string): Promise<PlacedCompound | null> {
    const rows: UnitRow[] = await this.db.query(
      `SELECT id, name, lat, lng FROM org_units
        WHERE kind = 'compound' AND strpos($1, name) > 0 ORDER BY length(name) DESC, id LIMIT 1`,
      [address],
    );
    return rows[0] ? { ...rows[0], buildingId: null, buildingName: null } : null;
  }

  private async byAddressId(code: string): Promise<PlacedCompound> {
    const rows: Array<UnitRow & { kind: string; parent_id: number | null }> = await this.db.query(
      `SELECT id, kind, name, lat, lng, parent_id FROM org_units WHERE code = $1 AND kind IN ('compound', 'building')`,
      [code],
    );
    const unit = rows[0];
    if (!unit) throw Open311Error.badRequest(`address_id: ${code} is not the code of a compound or building we serve`);
    if (unit.kind === 'compound') return { id: unit.id, name: unit.name, lat: unit.lat, lng: unit.lng, buildingId: null, buildingName: null };
    const [compound]: UnitRow[] = await this.db.query(`SELECT id, name, lat, lng FROM org_units WHERE id = $1`, [unit.parent_id]);
    return { ...compound, buildingId: unit.id, buildingName: unit.name };
  }

  /** The building of the compound named by the `building` attribute: 6号楼, 6 or its code. */
  async building(compoundId: number, value: string): Promise<{ id: number; name: string } | null> {
    const v = value.trim();
    const rows: Array<{ id: number; name: string }> = await this.db.query(
      `SELECT id, name FROM org_units
        WHERE kind = 'building' AND parent_id = $1 AND (name = $2 OR code = $2 OR name = $2 || '号楼')
        ORDER BY id LIMIT 1`,
      [compoundId, v],
    );
    return rows[0] ?? null;
  }
}
