import type { DisclosureBasisKind, DisclosureStatus } from '@red-butler/domain';
import type { FeeItem } from './compound-disclosure.entity';

export const DISCLOSURE_SELECT = `
  SELECT d.*, c.name AS compound_name, o.name AS company_name,
         ud.display_name AS drafted_name, us.display_name AS submitted_name, ur.display_name AS reviewed_name, bu.mime_type AS basis_upload_type
    FROM compound_disclosures d JOIN org_units c ON c.id = d.compound_id JOIN organizations o ON o.id = d.organization_id
    JOIN users ud ON ud.id = d.drafted_by LEFT JOIN users us ON us.id = d.submitted_by LEFT JOIN users ur ON ur.id = d.reviewed_by
    LEFT JOIN uploads bu ON bu.id = d.basis_upload_id`;

export interface DisclosureRow {
  id: number; compound_id: number; compound_name: string; organization_id: number; company_name: string; version: number;
  status: DisclosureStatus; revision: number; service_content: string; fee_items: FeeItem[]; basis_kind: DisclosureBasisKind;
  basis_text: string; basis_upload_id: string | null; basis_upload_type: string | null; commitments: string; complaint_phone: string;
  drafted_by: number; drafted_name: string; drafted_at: Date; updated_at: Date;
  submitted_by: number | null; submitted_name: string | null; submitted_at: Date | null;
  reviewed_by: number | null; reviewed_name: string | null; reviewed_at: Date | null; review_note: string | null;
}

const step = (id: number | null, name: string | null, at: Date | null) => (id === null || at === null ? null : { by: { id, displayName: name as string }, at });

/** A version as the API shows it: who did each step and when, and what the caller may do next. */
export function disclosureView(r: DisclosureRow, can: { edit: boolean; review: boolean }) {
  return {
    id: r.id, compound: { id: r.compound_id, name: r.compound_name }, company: { id: r.organization_id, name: r.company_name },
    version: r.version, status: r.status, revision: r.revision,
    serviceContent: r.service_content, feeItems: r.fee_items, basisKind: r.basis_kind, basisText: r.basis_text, basisUploadId: r.basis_upload_id,
    // A photo is shown, a PDF opened as a document: readers need the type to tell.
    basisUploadType: r.basis_upload_type,
    commitments: r.commitments, complaintPhone: r.complaint_phone,
    drafted: step(r.drafted_by, r.drafted_name, r.drafted_at) as { by: { id: number; displayName: string }; at: Date },
    updatedAt: r.updated_at,
    submitted: step(r.submitted_by, r.submitted_name, r.submitted_at),
    reviewed: r.reviewed_by === null ? null : { ...(step(r.reviewed_by, r.reviewed_name, r.reviewed_at) as object), note: r.review_note },
    canEdit: can.edit && r.status === 'draft',
    canReview: can.review && r.status === 'pending_review',
  };
}
