import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { readMultipartFile } from '../common/multipart-file.util';
import { ApiDoc, ApiMultipartFile, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RateLimit } from '../common/rate-limit.decorator';
import { CONTENT_TYPES, contentDisposition } from '../report-exports/export-table';
import { adminScope } from './admin-scope';
import { EditCompanyDto, EditContractDto, EditDepartmentDto, EditOrgUnitDto } from './district-edit.dto';
import { DistrictEditService } from './district-edit.service';
import { ContractsQuery, DistrictImportQuery, HistoryQuery, OrgUnitsQuery, TemplateQuery } from './district-import.query';
import { DistrictImportService } from './district-import.service';
import { templateCsv, templateFileName, templateXlsx } from './template.util';
import { DataSource } from 'typeorm';

/** A district's org tree of 20,000 rows is about 1.5 MB as CSV. */
export const DISTRICT_IMPORT_MAX_BYTES = 4 * 1024 * 1024;

/** Onboarding and running a real district (issue #12): import its spreadsheets, then keep them up to date. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class DistrictImportController {
  constructor(
    private readonly imports: DistrictImportService,
    private readonly edits: DistrictEditService,
    private readonly db: DataSource,
  ) {}

  @Get('district-import/template')
  @ApiOperation({ summary: 'The template of one import kind with Chinese headers and sample rows (金凤区): CSV (UTF-8 with BOM) or XLSX' })
  @ApiDoc('ExportFile', READ_ERRORS, { contentTypes: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx] })
  async template(@CurrentActor() actor: Actor, @Query() q: TemplateQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    await adminScope(this.db.manager, actor);
    const body = q.format === 'csv' ? templateCsv(q.kind) : await templateXlsx(q.kind);
    const name = templateFileName(q.kind, q.format);
    void reply.header('content-type', CONTENT_TYPES[q.format]);
    void reply.header('content-disposition', contentDisposition(name.ascii, name.name));
    void reply.header('cache-control', 'no-store');
    return body;
  }

  @Post('district-import')
  @HttpCode(200)
  @RateLimit('uploads')
  @ApiMultipartFile('the spreadsheet: XLSX, or CSV in UTF-8 or GBK; row 1 is the header; at most 4 MB')
  @ApiOperation({ summary: 'Import org tree / companies / contracts / departments: per row created, updated, unchanged or refused (with the column); a real run commits all rows in one transaction or nothing' })
  @ApiDoc('DistrictImport', [...READ_ERRORS, 413, 415])
  async import(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Query() q: DistrictImportQuery) {
    // Role before the upload is read: a caller who may not import sends nothing.
    await adminScope(this.db.manager, actor);
    const data = await readMultipartFile(req, DISTRICT_IMPORT_MAX_BYTES);
    return this.imports.import(actor, q.kind, data, q.dryRun === 'true');
  }

  @Get('org-units')
  @ApiOperation({ summary: 'Browse the org tree: the children of a unit, with 户数, 单元数 and 建筑面积' })
  @ApiDoc('AdminOrgUnits', ID_ERRORS)
  units(@CurrentActor() actor: Actor, @Query() q: OrgUnitsQuery) {
    return this.edits.units(actor, q.parentId);
  }

  @Patch('org-units/:id')
  @ApiOperation({ summary: 'Edit or move an org unit; every changed field goes to its history' })
  @ApiDoc('AdminOrgUnit', [...ID_ERRORS, 409])
  editUnit(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EditOrgUnitDto) {
    return this.edits.editUnit(actor, id, dto);
  }

  @Get('companies')
  @ApiOperation({ summary: 'The district’s property companies with their 统一社会信用代码' })
  @ApiDoc('AdminCompanies', READ_ERRORS)
  companies(@CurrentActor() actor: Actor) {
    return this.edits.companies(actor);
  }

  @Patch('companies/:id')
  @ApiOperation({ summary: 'Edit a property company (district admins)' })
  @ApiDoc('AdminCompany', [...ID_ERRORS, 409])
  editCompany(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EditCompanyDto) {
    return this.edits.editCompany(actor, id, dto);
  }

  @Get('contracts')
  @ApiOperation({ summary: 'Contracts (and 社区托管) of the compounds within reach' })
  @ApiDoc('AdminContracts', ID_ERRORS)
  contracts(@CurrentActor() actor: Actor, @Query() q: ContractsQuery) {
    return this.edits.contracts(actor, q.compoundId);
  }

  @Patch('contracts/:id')
  @ApiOperation({ summary: 'Change a contract’s dates or kind; ending it is a 结束日期 (there is no delete)' })
  @ApiDoc('AdminContract', [...ID_ERRORS, 409])
  editContract(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EditContractDto) {
    return this.edits.editContract(actor, id, dto);
  }

  @Get('departments')
  @ApiOperation({ summary: 'The district’s departments and the categories each owns' })
  @ApiDoc('AdminDepartments', READ_ERRORS)
  departments(@CurrentActor() actor: Actor) {
    return this.edits.departments(actor);
  }

  @Patch('departments/:id')
  @ApiOperation({ summary: 'Edit a department and which categories it owns (district admins)' })
  @ApiDoc('AdminDepartment', ID_ERRORS)
  editDepartment(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EditDepartmentDto) {
    return this.edits.editDepartment(actor, id, dto);
  }

  @Get('org-history')
  @ApiOperation({ summary: 'Change history of one org unit, company/department, contract or category: who, field, old → new, when, import or edit' })
  @ApiDoc('OrgHistory', ID_ERRORS)
  history(@CurrentActor() actor: Actor, @Query() q: HistoryQuery) {
    return this.edits.history(actor, q.entity, q.entityId);
  }
}
