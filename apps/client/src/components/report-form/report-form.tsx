import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { CHANNEL_LABELS, PRIORITY_LABELS, type Channel } from '@red-butler/domain';
import { useEffect, useMemo, useState } from 'react';
import { errorText, type ApiError } from '../../api/api-error';
import type { Category, Compound, Created, NewTicket } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { newIdempotencyKey } from '../../lib/idempotency.util';
import { useCompoundPlan } from '../../hooks/use-compound-plan.hook';
import { LocationField } from '../../platform/location-field';
import { pageChrome } from '../../platform/page-chrome';
import { selfReportChannel } from '../../platform/report-channel';
import { useElderMode } from '../../state/elder-mode.store';
import { CategoryPicker } from '../category-picker/category-picker';
import { clearDraft, loadDraft, saveDraft, type ReportFormState } from '../../state/report-draft.store';
import { NearbyTickets } from '../nearby-tickets/nearby-tickets';
import { PhotoUploader } from '../photo-uploader/photo-uploader';
import { SelectField } from '../select-field/select-field';
import { SitePlanPicker } from '../site-plan/site-plan-picker';

const PHONE = /^(1\d{10}|0\d{9,11})$/;
const HOTLINE_CASE_NO = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/;
const CALL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})$/;

/** `2026-11-25 9:30` typed by staff (Beijing time) → ISO 8601 with the +08:00 offset; null if malformed. */
export function callTimeIso(value: string): string | null {
  const m = CALL_TIME.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+08:00`;
}

export interface ReportFormProps {
  categories: Category[];
  compounds: Compound[];
  homeCompoundId?: number;
  homeBuildingId?: number;
  /** Grid workers and community staff file for a resident: channel and call-back number. */
  onBehalf?: boolean;
  /** The channels the staff member's roles may use (`onBehalfChannels`), first one preselected. */
  channels?: Channel[];
  onCreated: (created: Created) => void | Promise<void>;
}

function emptyForm(props: ReportFormProps): ReportFormState {
  return {
    description: '',
    // Staff without a home compound but with only one in scope need not pick it.
    compoundId: props.homeCompoundId ?? (props.compounds.length === 1 ? props.compounds[0].id : undefined),
    buildingId: props.homeBuildingId,
    location: { address: '' },
    photos: [],
    channel: props.onBehalf ? props.channels?.[0] : undefined,
    reporterPhone: '',
    hotlineCaseNo: '',
    calledAt: '',
    callerName: '',
  };
}

/** The form → the POST /tickets body; a string is the first problem to fix. */
export function toNewTicket(form: ReportFormState, compounds: Compound[], onBehalf: boolean): NewTicket | string {
  if (!form.categoryId) return '请选择问题类型';
  const description = form.description.trim();
  if (description.length < 2) return '请描述一下问题（至少2个字）';
  if (!form.compoundId) return '请选择小区';
  if (onBehalf && !form.channel) return '请选择来源';
  const hotline = onBehalf && form.channel === 'hotline_12345';
  const caseNo = form.hotlineCaseNo?.trim() ?? '';
  if (hotline && !caseNo) return '请填写12345工单编号';
  if (hotline && !HOTLINE_CASE_NO.test(caseNo)) return '12345工单编号只能包含字母、数字、-和_（4–40位）';
  const calledAt = hotline && form.calledAt?.trim() ? callTimeIso(form.calledAt) : null;
  if (hotline && form.calledAt?.trim() && !calledAt) return '来电时间格式应为 2026-11-25 09:30';
  if (onBehalf && form.reporterPhone && !PHONE.test(form.reporterPhone)) return '回访电话格式不正确';
  const body: NewTicket = { categoryId: form.categoryId, description, compoundId: form.compoundId };
  if (form.buildingId) body.buildingId = form.buildingId;
  if (form.planPoint) body.planPoint = { x: form.planPoint.x, y: form.planPoint.y };
  const address = form.location.address.trim();
  const compound = compounds.find((c) => c.id === form.compoundId);
  if (form.location.lat !== undefined && form.location.lng !== undefined) {
    body.location = { lat: form.location.lat, lng: form.location.lng, ...(address ? { address } : {}) };
  } else if (address && !form.planPoint && compound?.lat != null && compound?.lng != null) {
    // No map pick (H5) and no plan point: the compound's own coordinates locate it, the text says
    // where inside. With a plan point the plan locates it; made-up coordinates would only mislead.
    body.location = { lat: compound.lat, lng: compound.lng, address };
  } else if (address) {
    body.description = `${description}（位置：${address}）`;
  }
  if (form.photos.length) body.photoIds = form.photos.map((p) => p.id);
  if (!onBehalf && selfReportChannel) body.channel = selfReportChannel;
  if (onBehalf) {
    if (form.channel) body.channel = form.channel;
    if (form.reporterPhone) body.reporterPhone = form.reporterPhone;
    if (form.callerName?.trim()) body.callerName = form.callerName.trim();
    if (hotline) body.hotlineCaseNo = caseNo;
    if (calledAt) body.calledAt = calledAt;
  }
  return body;
}

export function ReportForm(props: ReportFormProps) {
  const { categories, compounds, onBehalf = false, channels = [], onCreated } = props;
  const [restored] = useState(() => loadDraft());
  const [form, setForm] = useState<ReportFormState>(() => {
    const form = restored?.form ?? emptyForm(props);
    // A draft kept under another account may name a channel this role may not use.
    return onBehalf && (!form.channel || !channels.includes(form.channel)) ? { ...form, channel: channels[0] } : form;
  });
  const [photosBusy, setPhotosBusy] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [draftNotice, setDraftNotice] = useState(restored ? '已恢复上次未提交的报事' : '');
  const elder = useElderMode();
  // A validation message goes as soon as its field is fixed, not at the next 提交.
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => {
    if (invalid && toNewTicket(form, compounds, onBehalf) !== invalid) setInvalid(null);
  }, [form, invalid, compounds, onBehalf]);

  const set = (change: Partial<ReportFormState>) => setForm((f) => ({ ...f, ...change }));
  const compound = compounds.find((c) => c.id === form.compoundId);
  const category = categories.find((c) => c.id === form.categoryId);
  const { plan, offline } = useCompoundPlan(form.compoundId);
  const compoundOptions = useMemo(
    () => compounds.map((c) => ({ value: c.id, label: c.name, hint: c.communityName })),
    [compounds],
  );

  const submit = async () => {
    const body = toNewTicket(form, compounds, onBehalf);
    if (typeof body === 'string') {
      setProblem(null);
      setInvalid(body);
      return;
    }
    setProblem(null);
    setSubmitting(true);
    const serialized = JSON.stringify(body);
    const previous = loadDraft();
    // Same body as the attempt that may have reached the API: same key, so no duplicate ticket.
    const key = previous?.body === serialized && previous.key ? previous.key : newIdempotencyKey();
    await saveDraft({ form, key, body: serialized });
    try {
      const created = await ticketsApi.create(body, key);
      await clearDraft();
      void onCreated(created);
    } catch (error) {
      const e = error as ApiError;
      if (e.isRetryable) {
        setProblem(`${e.isNetwork ? '网络不通' : '系统暂时不可用'}，报事已保存为草稿，请稍后再点“提交”`);
        setDraftNotice('草稿已保存');
      } else {
        setProblem(errorText(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const discardDraft = async () => {
    await clearDraft();
    setForm(emptyForm(props));
    setDraftNotice('');
  };

  return (
    <View className="report-form">
      {draftNotice && (
        <View className="notice" data-testid="draft-notice">
          <Text>{draftNotice}</Text>
          <Text className="link" onClick={discardDraft}>清空重填</Text>
        </View>
      )}
      <View className="card">
        <View className="section-title">问题类型</View>
        <CategoryPicker categories={categories} value={form.categoryId} onChange={(categoryId) => set({ categoryId })} />
        {category && category.defaultPriority !== 'normal' && (
          <View className="hint hint--warn">
            {PRIORITY_LABELS[category.defaultPriority]}事项，将优先处理。如有人身危险请先拨打 110/119。
          </View>
        )}
      </View>

      <View className="card">
        <View className="field">
          <View className="field__label">问题描述</View>
          <Textarea
            className="textarea"
            placeholder="请描述问题，如：6号楼东侧井盖丢失，晚上很危险"
            maxlength={1000}
            value={form.description}
            onInput={(e) => set({ description: e.detail.value })}
          />
          {elder && (
            <View className="voice-hint" data-testid="voice-hint">
              <Text className="voice-hint__icon" aria-hidden>🎤</Text>
              <Text>{pageChrome.voiceHint}</Text>
            </View>
          )}
        </View>
        <PhotoUploader initial={restored?.form.photos} onChange={(photos, busy) => (set({ photos }), setPhotosBusy(busy))} />
      </View>

      <View className="card">
        <SelectField
          label="小区"
          options={compoundOptions}
          value={form.compoundId}
          onChange={(compoundId) => set({ compoundId, buildingId: undefined, planPoint: undefined })}
          testId="compound-select"
        />
        {plan && (
          <SitePlanPicker
            plan={plan.plan}
            value={form.planPoint}
            buildingId={form.buildingId}
            offline={offline}
            onChange={(pick) => set({ planPoint: pick.planPoint, buildingId: pick.buildingId ?? (pick.planPoint ? undefined : form.buildingId) })}
          />
        )}
        {compound && compound.buildings.length > 0 && (
          <SelectField
            label="楼栋（选填）"
            options={compound.buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={form.buildingId}
            onChange={(buildingId) => set({ buildingId })}
            testId="building-select"
          />
        )}
        <LocationField value={form.location} onChange={(location) => set({ location })} />
      </View>

      {!onBehalf && (
        <NearbyTickets
          categoryId={form.categoryId}
          lat={form.location.lat}
          lng={form.location.lng}
          compoundId={form.compoundId}
          buildingId={form.buildingId}
          planPoint={form.planPoint}
        />
      )}

      {onBehalf && (
        <View className="card">
          <View className="field">
            <View className="field__label">来源</View>
            <View className="chips">
              {channels.map((ch) => (
                <Text key={ch} className={`chip-option ${form.channel === ch ? 'chip-option--on' : ''}`} onClick={() => set({ channel: ch })}>
                  {CHANNEL_LABELS[ch]}
                </Text>
              ))}
            </View>
          </View>
          {form.channel === 'hotline_12345' && (
            <>
              <View className="field">
                <View className="field__label">12345工单编号</View>
                <Input
                  className="input"
                  placeholder="热线平台的工单编号"
                  maxlength={40}
                  value={form.hotlineCaseNo ?? ''}
                  onInput={(e) => set({ hotlineCaseNo: e.detail.value })}
                  data-testid="hotline-case-no"
                />
              </View>
              <View className="field">
                <View className="field__label">来电时间（选填）</View>
                <Input
                  className="input"
                  placeholder="如 2026-11-25 09:30"
                  maxlength={16}
                  value={form.calledAt ?? ''}
                  onInput={(e) => set({ calledAt: e.detail.value })}
                  data-testid="called-at"
                />
              </View>
            </>
          )}
          <View className="field">
            <View className="field__label">居民姓名（选填）</View>
            <Input
              className="input"
              placeholder="来电或来访居民的姓名"
              maxlength={50}
              value={form.callerName ?? ''}
              onInput={(e) => set({ callerName: e.detail.value })}
              data-testid="caller-name"
            />
          </View>
          <View className="field">
            <View className="field__label">居民回访电话</View>
            <Input
              className="input"
              type="number"
              placeholder="11位手机号或带区号的座机"
              maxlength={12}
              value={form.reporterPhone}
              onInput={(e) => set({ reporterPhone: e.detail.value })}
            />
          </View>
        </View>
      )}

      {(invalid ?? problem) && <View className="error-text" data-testid="form-problem">{invalid ?? problem}</View>}
      {/*
        No `loading`, and the label in its own element: on H5 the button is a Stencil component that
        inserts its spinner before the child React had just replaced (React sets a lone text child
        through textContent), which threw "insertBefore … not a child of this node" on every submit.
      */}
      <Button className="btn btn--primary btn--block" disabled={submitting || photosBusy} onClick={submit} data-testid="submit-report">
        <Text>{submitting ? '提交中…' : photosBusy ? '照片上传中…' : '提交'}</Text>
      </Button>
    </View>
  );
}
