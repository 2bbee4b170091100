import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { isCommunityStaffOf, loadCompound, type CompoundPlace } from '../owners/compound-scope';
import { DISCLOSURE_SELECT, disclosureView, type DisclosureRow } from './disclosure.view';
import { NoticeDraftsService } from './notice-drafts.service';

/** The community's review queue: 五公开 versions and 公示栏 drafts waiting for it, oldest first. */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly db: DataSource,
    private readonly notices: NoticeDraftsService,
  ) {}

  async queue(actor: Actor) {
    const rows: DisclosureRow[] = await this.db.query(`${DISCLOSURE_SELECT} WHERE d.status = 'pending_review' ORDER BY d.submitted_at, d.id LIMIT 500`);
    const disclosures = [];
    for (const r of rows) {
      if (isCommunityStaffOf(actor, (await loadCompound(this.db, r.compound_id)) as CompoundPlace)) disclosures.push(disclosureView(r, { edit: false, review: true }));
    }
    const notices = (await this.notices.pendingFor(actor)).map((r) => this.notices.view(r, true));
    return { disclosures, notices };
  }
}
