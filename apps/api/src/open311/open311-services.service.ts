import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Open311Error } from './open311.error';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

export interface CategoryRow {
  id: number;
  code: string;
  name: string;
  group_name: string;
  keywords: string[];
  handler_kind: 'company' | 'department';
  department_name: string | null;
}

/**
 * Groups whose problems sit in one building (电梯, 漏水, 外墙, 楼道): these services ask for the
 * 楼栋 and 单元 as attributes. Street-level problems (占道经营, 噪音) have none (metadata false).
 */
export const BUILDING_GROUPS = new Set(['电梯', '给排水', '房屋维修', '房屋安全', '消防安全']);

/** Our building and unit fields as GeoReport attributes. The compound comes from the location. */
export const BUILDING_ATTRIBUTES: Open311Attribute[] = [
  {
    variable: true,
    code: 'building',
    datatype: 'string',
    required: false,
    datatype_description: '楼栋名称或编号，如“6号楼”或“6”',
    order: 1,
    description: '楼栋',
  },
  {
    variable: true,
    code: 'unit',
    datatype: 'number',
    required: false,
    datatype_description: '单元号（正整数），如 2 表示 2单元',
    order: 2,
    description: '单元',
  },
];

/** GeoReport services are our active categories; service_code is the category code. */
@Injectable()
export class Open311ServicesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<Open311Service[]> {
    const rows = await this.categories();
    return rows.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: `${c.group_name}·${c.name}，${c.handler_kind === 'department' ? `由${c.department_name ?? '职能部门'}办理` : '由小区物业公司办理'}`,
      metadata: BUILDING_GROUPS.has(c.group_name),
      type: 'realtime',
      keywords: c.keywords.join(','),
      group: c.group_name,
    }));
  }

  async definition(code: string): Promise<{ service_code: string; attributes: Open311Attribute[] }> {
    const category = await this.byCode(code);
    if (!category) throw Open311Error.notFound(`service_code ${code} not found`);
    return { service_code: category.code, attributes: this.attributes(category) };
  }

  attributes(category: CategoryRow): Open311Attribute[] {
    return BUILDING_GROUPS.has(category.group_name) ? BUILDING_ATTRIBUTES : [];
  }

  async byCode(code: string): Promise<CategoryRow | null> {
    const rows = await this.categories(code);
    return rows[0] ?? null;
  }

  /** Which of these codes name an active category, in one query however many there are. */
  async existing(codes: string[]): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await this.db.query(`SELECT code FROM categories WHERE active AND code = ANY($1)`, [codes]);
    return new Set(rows.map((r) => r.code));
  }

  private categories(code?: string): Promise<CategoryRow[]> {
    return this.db.query(
      `SELECT c.id, c.code, c.name, c.group_name, c.keywords, c.handler_kind, d.name AS department_name
         FROM categories c LEFT JOIN organizations d ON d.id = c.department_id
        WHERE c.active AND ($1::text IS NULL OR c.code = $1)
        ORDER BY c.sort_order, c.id`,
      [code ?? null],
    );
  }
}
