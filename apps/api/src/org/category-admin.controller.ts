import { Body, Controller, Get, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateCategoryDto } from './dto/create-category.dto';
import { UpdateCategoryDto } from './dto/update-category.dto';
import { ReferenceCache } from './reference-cache.service';

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only admins change categories');
}

const isUniqueViolation = (e: unknown) => (e as { driverError?: { code?: string }; code?: string }).driverError?.code === '23505' || (e as { code?: string }).code === '23505';

const ADMIN_CATEGORY = `
  SELECT c.id, c.code, c.name, c.group_name AS "groupName", c.icon, c.handler_kind AS "handlerKind", c.default_priority AS "defaultPriority",
         c.department_id AS "departmentId", d.name AS "departmentName", c.publicly_listed AS "publiclyListed", c.active, c.sort_order AS "sortOrder"
    FROM categories c LEFT JOIN organizations d ON d.id = c.department_id`;

/** 报事类别 as admins manage them: inactive ones included, with the Open311 flag and the owning department. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/categories')
export class CategoryAdminController {
  constructor(
    private readonly db: DataSource,
    private readonly cache: ReferenceCache,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every category, inactive ones too' })
  @ApiDoc('AdminCategories', READ_ERRORS)
  async list(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.db.query(`${ADMIN_CATEGORY} ORDER BY c.sort_order, c.id`) };
  }

  @Post()
  @ApiOperation({ summary: 'Add a category (code unique); residents can report in it at once in every process when active' })
  @ApiDoc('AdminCategory', [...READ_ERRORS, 409], { status: 201 })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateCategoryDto) {
    requireAdmin(actor);
    await this.checkDepartment(dto);
    let created: Array<{ id: number }>;
    try {
      // Listed after the existing ones; the trigger on categories bumps config_versions('reference') in this statement.
      created = await this.db.query(
        `INSERT INTO categories (code, name, group_name, icon, handler_kind, department_id, default_priority, publicly_listed, active, sort_order)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, COALESCE(MAX(sort_order), 0) + 10 FROM categories
         RETURNING id`,
        [dto.code, dto.name.trim(), dto.groupName.trim(), dto.icon, dto.handlerKind, dto.departmentId, dto.defaultPriority, dto.publiclyListed, dto.active],
      );
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new ApiException(HttpStatus.CONFLICT, 'CATEGORY_CODE_EXISTS', `code: ${dto.code} is already taken`, [{ field: 'code', message: 'already taken' }]);
      }
      throw e;
    }
    this.cache.invalidate();
    const [row] = await this.db.query(`${ADMIN_CATEGORY} WHERE c.id = $1`, [created[0].id]);
    return row;
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a category’s name, group, icon, handler, owning department, Open311 listing and whether residents can pick it' })
  @ApiDoc('AdminCategory', ID_ERRORS)
  async update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateCategoryDto) {
    requireAdmin(actor);
    await this.checkDepartment(dto);
    const updated: unknown[] = await this.db.query(
      `WITH u AS (UPDATE categories SET name = $2, group_name = $3, icon = $4, handler_kind = $5, department_id = $6, publicly_listed = $7, active = $8
                    WHERE id = $1 RETURNING id) SELECT id FROM u`,
      [id, dto.name.trim(), dto.groupName.trim(), dto.icon, dto.handlerKind, dto.departmentId, dto.publiclyListed, dto.active],
    );
    if (updated.length === 0) throw ApiException.notFound('category');
    // Every process sees the change on its next lookup (config_versions('reference'), bumped by the trigger).
    this.cache.invalidate();
    const [row] = await this.db.query(`${ADMIN_CATEGORY} WHERE c.id = $1`, [id]);
    return row;
  }

  private async checkDepartment(dto: UpdateCategoryDto): Promise<void> {
    if (dto.handlerKind === 'department' && dto.departmentId === null) throw ApiException.validation('departmentId', 'required when handlerKind is department');
    if (dto.departmentId !== null) {
      const dept: unknown[] = await this.db.query(`SELECT 1 FROM organizations WHERE id = $1 AND kind = 'department'`, [dto.departmentId]);
      if (dept.length === 0) throw ApiException.invalidReference('departmentId', 'no such department');
    }
  }
}
